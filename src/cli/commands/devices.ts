import type { Phone } from '../../shared/api/devices';
import { StudioError } from '../../shared/errors';
import { errorLine } from '../cli-helpers';
import type { CliCommand } from '../command';
import { ADB_OPTION } from '../cli-helpers';

function describe(p: Phone): string {
  const name = p.model ? `${p.model} (${p.serial})` : p.serial;
  if (p.ready) return `  ${name}: ready\n`;
  return `  ${name}: ${p.diagnosis?.message ?? p.state}\n      Fix: ${p.diagnosis?.fix ?? ''}\n`;
}

export const devicesCommand: CliCommand = {
  name: 'devices',
  summary: 'List the Android phones adb sees, each with its state and, if not ready, how to fix it.',
  usage: 'devices [--json] [--adb PATH]',
  options: { json: { type: 'boolean' }, ...ADB_OPTION },
  async run({ values, core, io }) {
    const adb = await core.api.getAdbInfo();
    if (adb.problem) {
      if (values.json) io.out(`${JSON.stringify({ adb, devices: [] }, null, 2)}\n`);
      else io.err(errorLine(StudioError.fromPayload(adb.problem)));
      return 1;
    }
    const devices = await core.api.listDevices();
    if (values.json) {
      io.out(`${JSON.stringify({ adb, devices }, null, 2)}\n`);
      return 0;
    }
    if (devices.length === 0) {
      io.out(
        'No phone is connected.\nFix: plug the phone in with a USB cable, unlock it, and turn on USB debugging (Settings > Developer options).\n',
      );
      return 0;
    }
    io.out(`${devices.length} phone${devices.length > 1 ? 's' : ''} (adb ${adb.path}):\n${devices.map(describe).join('')}`);
    return 0;
  },
};
