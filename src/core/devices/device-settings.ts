/** Settings for phones, kept as JSON in the studio's data folder (not per project: they describe this computer and the phone app). */
import fs from 'node:fs';
import path from 'node:path';
import type { DeviceSettings } from '../../shared/api/devices';
import { StudioError } from '../../shared/errors';

const FILE = 'device-settings.json';

export const DEFAULT_DEVICE_SETTINGS: DeviceSettings = {
  adbPath: null,
  appPackage: 'org.magritte.app',
  destinationTemplate: '/sdcard/Android/data/{package}/files/magritte/{deck}/',
  reloadAction: 'org.magritte.app.RELOAD',
};

const PACKAGE_RE = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;

function invalid(what: string, fix: string): StudioError {
  return new StudioError('INVALID_ARGUMENT', what, fix);
}

/** Checks one change; every value ends up in a phone shell command, so the rules are strict. */
function validated(patch: Partial<DeviceSettings>): Partial<DeviceSettings> {
  const out: Partial<DeviceSettings> = {};
  if (patch.adbPath !== undefined) {
    out.adbPath = patch.adbPath === null || patch.adbPath.trim() === '' ? null : path.resolve(patch.adbPath.trim());
  }
  if (patch.appPackage !== undefined) {
    if (!PACKAGE_RE.test(patch.appPackage)) {
      throw invalid(`"${patch.appPackage}" is not an Android package name.`, 'Use the form org.example.app.');
    }
    out.appPackage = patch.appPackage;
  }
  if (patch.reloadAction !== undefined) {
    if (!/^[A-Za-z0-9_.]+$/.test(patch.reloadAction)) {
      throw invalid(`"${patch.reloadAction}" is not an intent action.`, 'Use letters, digits, dots and underscores, e.g. org.magritte.app.RELOAD.');
    }
    out.reloadAction = patch.reloadAction;
  }
  if (patch.destinationTemplate !== undefined) {
    const t = patch.destinationTemplate.trim();
    if (!t.startsWith('/') || !t.includes('{deck}') || t.split('/').includes('..')) {
      throw invalid(
        `The phone folder "${t}" must be an absolute path containing {deck}.`,
        'For example /sdcard/Android/data/{package}/files/magritte/{deck}/.',
      );
    }
    out.destinationTemplate = t;
  }
  return out;
}

export class DeviceSettingsStore {
  constructor(private readonly dataDir: string) {}

  private get file(): string {
    return path.join(this.dataDir, FILE);
  }

  get(): DeviceSettings {
    try {
      const raw = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<DeviceSettings>;
      return { ...DEFAULT_DEVICE_SETTINGS, ...validated(raw) };
    } catch {
      // Missing or damaged settings fall back to the defaults; the teacher can set them again.
      return { ...DEFAULT_DEVICE_SETTINGS };
    }
  }

  update(patch: Partial<DeviceSettings>): DeviceSettings {
    const next = { ...this.get(), ...validated(patch) };
    fs.mkdirSync(this.dataDir, { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(next, null, 2));
    fs.renameSync(tmp, this.file);
    return next;
  }
}
