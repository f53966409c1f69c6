import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { CREATE_EXCLUSIVE, assertNoLinksBelow, entryKind, mkdirInside, renameInside } from '../fs/safe-path';
import { projectPaths } from './paths';
import { asProjectError } from './project-unsafe';

/** fsyncs a directory so a rename into it survives a crash (a no-op where the OS refuses). */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

/** Temp files are named so a sweep knows them for leftovers: `<random>.partial`. */
export const TEMP_SUFFIX = '.partial';

/**
 * Writes `data` to `finalPath` inside the project folder `projectDir` so that the file is either
 * absent or complete, even if the process is killed midway: write a temp file in the project's
 * tmp/ (same file system), fsync, rename, fsync the folder. No link is followed on the way (a
 * project folder is untrusted): the temp file is created exclusively with O_NOFOLLOW, and a
 * linked folder on the way is refused as PROJECT_UNSAFE.
 */
export async function writeFileDurably(projectDir: string, finalPath: string, data: Uint8Array): Promise<void> {
  try {
    const tmp = path.join(projectPaths(projectDir).tmp, `${randomBytes(8).toString('hex')}${TEMP_SUFFIX}`);
    await assertNoLinksBelow(projectDir, tmp);
    const handle = await fs.open(tmp, CREATE_EXCLUSIVE, 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const folder = path.dirname(finalPath);
    try {
      await renameInside(projectDir, tmp, finalPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      await mkdirInside(projectDir, folder);
      // The new folder's own entry must be durable too.
      await fsyncDir(path.dirname(folder));
      await renameInside(projectDir, tmp, finalPath);
    }
    await fsyncDir(folder);
  } catch (e) {
    throw asProjectError(e, projectDir);
  }
}

/**
 * True when `p` is a regular file. A symbolic link counts as absent: the caller then writes a real
 * file in its place (rename replaces the link itself), so nothing is ever read or kept through it.
 */
export async function fileExists(p: string): Promise<boolean> {
  return (await entryKind(p)) === 'file';
}

/**
 * True when `p` is a regular file of exactly `bytes` bytes (a link counts as absent, as above). A blob
 * cut short on a USB stick or in a mail attachment has another size than the bytes it should hold.
 */
export async function fileHoldsBytes(p: string, bytes: number): Promise<boolean> {
  const stat = await fs.lstat(p).catch(() => null);
  return stat !== null && stat.isFile() && stat.size === bytes;
}
