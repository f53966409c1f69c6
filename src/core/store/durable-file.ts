import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

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
 * Writes `data` to `finalPath` so that the file is either absent or complete, even if the process
 * is killed midway: write a temp file in `tmpDir` (same file system), fsync, rename, fsync the folder.
 */
export async function writeFileDurably(tmpDir: string, finalPath: string, data: Uint8Array): Promise<void> {
  const tmp = path.join(tmpDir, `${randomBytes(8).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  const folder = path.dirname(finalPath);
  try {
    await fs.rename(tmp, finalPath);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    await fs.mkdir(folder, { recursive: true });
    // The new folder's own entry must be durable too.
    await fsyncDir(path.dirname(folder));
    await fs.rename(tmp, finalPath);
  }
  await fsyncDir(folder);
}

/** True when a file exists (any error other than "missing" is raised). */
export async function fileExists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}
