/**
 * Looks for the adb program when none was chosen (adb-program.ts checks a chosen one):
 * ANDROID_HOME/platform-tools, ANDROID_SDK_ROOT/platform-tools, else the PATH (where Debian's
 * `adb` package puts it).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AdbInfo } from '../../shared/api/devices';
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

export function locateAdb(env: NodeJS.ProcessEnv = process.env): AdbLocation {
  const exe = process.platform === 'win32' ? 'adb.exe' : 'adb';
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
