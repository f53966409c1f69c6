/**
 * Checks an adb program someone chose (the Electron file dialog, `--adb PATH`): the studio runs it
 * with the teacher's rights, so it must be what it claims. Links are resolved first and the real
 * file is checked and run, so a link cannot be re-pointed between the check and the run.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../shared/errors';

const VERSION_TIMEOUT_MS = 10_000;
/** What adb prints first for `adb version`, in every release since 2015. */
const ADB_BANNER = /^Android Debug Bridge version \d+\.\d+\.\d+/;

export interface CheckedAdb {
  /** The real file (links resolved): the one to run. */
  path: string;
  /** The first line of its `version` answer. */
  banner: string;
}

function refused(chosen: string, problem: string, where: string): StudioError {
  return new StudioError(
    'ADB_INVALID',
    `${chosen} cannot be used as adb: ${problem}.`,
    `Choose the adb program from Android platform-tools (on Debian or Ubuntu, /usr/bin/adb after "sudo apt install adb") ${where}.`,
    { path: chosen },
  );
}

function runVersion(file: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(file, ['version'], { timeout: VERSION_TIMEOUT_MS, maxBuffer: 64 * 1024, windowsHide: true }, (err, stdout) => {
      resolve(err ? '' : String(stdout));
    });
  });
}

/**
 * The real adb behind `chosen`, or an ADB_INVALID StudioError naming what is wrong: missing, not a
 * regular file, not executable, or not answering `version` like adb. `where` says where to choose
 * again ("in the Phones settings", "with --adb").
 */
export async function checkAdbProgram(chosen: string, where: string): Promise<CheckedAdb> {
  if (!path.isAbsolute(chosen)) throw refused(chosen, 'it is not a full path', where);
  let real: string;
  try {
    real = await fs.promises.realpath(chosen);
  } catch {
    throw refused(chosen, 'there is no such file', where);
  }
  const stat = await fs.promises.lstat(real);
  if (!stat.isFile()) throw refused(chosen, 'it is not a program file (a folder or a device?)', where);
  if (process.platform !== 'win32') {
    try {
      await fs.promises.access(real, fs.constants.X_OK);
    } catch {
      throw refused(chosen, 'it is not allowed to run (it is not executable)', where);
    }
  }
  const answer = await runVersion(real);
  const banner = answer.split(/\r?\n/)[0]?.trim() ?? '';
  if (!ADB_BANNER.test(banner)) {
    const said = banner ? `"${banner.slice(0, 80)}"` : 'nothing';
    throw refused(chosen, `asked for its version, it answered ${said}, not "Android Debug Bridge version ..."`, where);
  }
  return { path: real, banner };
}
