import path from 'node:path';
import type { PushResult } from '../../shared/api/devices';
import { StudioError } from '../../shared/errors';
import type { StudioCore } from '../../core/index';
import type { CliCommand } from '../command';
import { deckByName, followJob, positional, stringOption, ADB_OPTION } from '../cli-helpers';

/** The deck named by --deck, or the project's only deck. */
export async function chooseDeck(core: StudioCore, name: string | undefined) {
  if (name) return deckByName(core, name, false);
  const decks = await core.api.listDecks();
  if (decks.length === 1) return decks[0];
  throw new StudioError(
    'INVALID_ARGUMENT',
    decks.length === 0 ? 'This project has no deck yet.' : `This project has ${decks.length} decks and none was chosen.`,
    decks.length === 0 ? 'Create a deck and export it first.' : `Choose one with --deck NAME (${decks.map((d) => d.name).join(', ')}).`,
  );
}

/** The --device serials, or the only connected phone; several and none chosen is DEVICE_AMBIGUOUS. */
export async function chooseSerials(core: StudioCore, given: unknown): Promise<string[]> {
  const serials = Array.isArray(given) ? given.filter((s): s is string => typeof s === 'string') : [];
  if (serials.length > 0) return serials;
  const phones = await core.api.listDevices();
  if (phones.length === 0)
    throw new StudioError(
      'DEVICE_NONE',
      'No phone is connected.',
      'Plug the phone in with a USB cable, unlock it, and turn on USB debugging (Settings > Developer options).',
    );
  if (phones.length > 1) {
    throw new StudioError(
      'DEVICE_AMBIGUOUS',
      `${phones.length} phones are connected and none was chosen.`,
      `Choose with --device SERIAL, once per phone (connected: ${phones.map((p) => p.serial).join(', ')}).`,
    );
  }
  return [phones[0].serial];
}

function summary(r: PushResult): string {
  const lines = [`Deck "${r.deckName}" from ${r.exportDir}:`];
  for (const p of r.phones) {
    const who = p.model ? `${p.model} (${p.serial})` : p.serial;
    lines.push(
      p.ok
        ? `  ${who}: ${p.files} files checked (${p.verifiedWith}) and placed in ${p.destination}`
        : `  ${who}: FAILED: ${p.error?.message}\n      Fix: ${p.error?.fix}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export const pushCommand: CliCommand = {
  name: 'push',
  summary: "Send a deck's export to phones over USB (adb), checked byte for byte on each phone.",
  usage: 'push <dir> [--deck NAME] [--device SERIAL ...] [--export FOLDER] [--json] [--adb PATH]',
  options: {
    deck: { type: 'string' },
    device: { type: 'string', multiple: true },
    export: { type: 'string' },
    json: { type: 'boolean' },
    ...ADB_OPTION,
  },
  async run({ positionals, values, core, io }) {
    const dir = positional(positionals, 0, 'the project folder', this.usage);
    await core.api.openProject({ dir: path.resolve(dir) });
    const deck = await chooseDeck(core, stringOption(values, 'deck'));
    const serials = await chooseSerials(core, values.device);
    const exportDir = stringOption(values, 'export');
    const { jobId } = await core.api.startPush({ deckId: deck.id, serials, exportDir: exportDir ? path.resolve(exportDir) : undefined });
    const onSigint = () => void core.api.cancelJob({ jobId });
    process.once('SIGINT', onSigint);
    let result: PushResult;
    try {
      result = (await followJob(core, jobId, io)) as PushResult;
    } catch (e) {
      // Every phone failed: show each phone's reason, then the error itself.
      const details = e instanceof StudioError ? (e.details as { result?: PushResult } | undefined) : undefined;
      if (details?.result && values.json) io.out(`${JSON.stringify(details.result, null, 2)}\n`);
      else if (details?.result && details.result.phones.length > 1) io.out(summary(details.result));
      throw e;
    } finally {
      process.off('SIGINT', onSigint);
    }
    io.out(values.json ? `${JSON.stringify(result, null, 2)}\n` : summary(result));
    return result.phones.every((p) => p.ok) ? 0 : 1;
  },
};
