/** Settings for phones, kept as JSON in the studio's data folder (not per project: they describe this computer and the phone app). */
import fs from 'node:fs';
import path from 'node:path';
import type { DeviceSettings, DeviceSettingsPatch } from '../../shared/api/devices';
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

/**
 * Checks one change; every value ends up in a phone shell command, so the rules are strict. Only the
 * phone app's fields are taken: `adbPath` never comes through here (the contract's validator refuses
 * it first; the studio runs that program, so only DeviceService.chooseAdb sets it).
 */
function validated(patch: DeviceSettingsPatch): DeviceSettingsPatch {
  const out: DeviceSettingsPatch = {};
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
      // The adb path is checked each time it is used (DeviceService), not here.
      const adbPath = typeof raw.adbPath === 'string' && path.isAbsolute(raw.adbPath) ? raw.adbPath : null;
      const { adbPath: _stored, ...rest } = raw;
      return { ...DEFAULT_DEVICE_SETTINGS, ...validated(rest), adbPath };
    } catch {
      // Missing or damaged settings fall back to the defaults; the teacher can set them again.
      return { ...DEFAULT_DEVICE_SETTINGS };
    }
  }

  /** A change from a request: the phone app's settings only. */
  update(patch: DeviceSettingsPatch): DeviceSettings {
    return this.write({ ...this.get(), ...validated(patch) });
  }

  /** The computer's own choice of adb (already checked by the caller); null: find it automatically. */
  setAdbPath(adbPath: string | null): DeviceSettings {
    return this.write({ ...this.get(), adbPath });
  }

  private write(next: DeviceSettings): DeviceSettings {
    fs.mkdirSync(this.dataDir, { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(next, null, 2));
    fs.renameSync(tmp, this.file);
    return next;
  }
}
