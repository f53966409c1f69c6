/**
 * Finds the adb program: the path chosen in Settings, else ANDROID_HOME/platform-tools,
 * ANDROID_SDK_ROOT/platform-tools, else the PATH (where Debian's `adb` package puts it).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AdbInfo } from '../../shared/api/devices';
import { StudioError } from '../../shared/errors';
import { deviceErrors } from './device-errors';

export interface AdbLocation {
  path: string;
  source: NonNullable<AdbInfo['source']>;
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function locateAdb(settingsPath: string | null, env: NodeJS.ProcessEnv = process.env): AdbLocation {
  const exe = process.platform === 'win32' ? 'adb.exe' : 'adb';
  if (settingsPath) {
    // The teacher's explicit choice wins; if it is gone, say so rather than silently use another adb.
    if (isExecutable(settingsPath)) return { path: settingsPath, source: 'settings' };
    throw new StudioError(
      'ADB_MISSING',
      `The adb program chosen in Settings (${settingsPath}) is missing or cannot be run.`,
      'Choose the adb program again in Settings, or clear the setting to let the studio look for it.',
    );
  }
  const looked: string[] = [];
  for (const key of ['ANDROID_HOME', 'ANDROID_SDK_ROOT'] as const) {
    const sdk = env[key];
    if (!sdk) continue;
    const candidate = path.join(sdk, 'platform-tools', exe);
    looked.push(candidate);
    if (isExecutable(candidate)) return { path: candidate, source: key };
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, exe);
    looked.push(candidate);
    if (isExecutable(candidate)) return { path: candidate, source: 'PATH' };
  }
  throw deviceErrors.adbMissing(looked);
}
