/**
 * The one place where a name from outside (a project folder, a base model's manifest, a URL, a
 * request) becomes a path the studio reads, writes or deletes.
 *
 * Everything that reaches the studio is untrusted: project folders travel by mail and USB (unzip
 * keeps symbolic links), base models come from USB sticks and downloads, requests come from other
 * programs. So:
 * - reads check containment on the *real* path (after symbolic links are resolved);
 * - writes and deletes never follow a symbolic link: every component below the root is lstat'ed,
 *   files are opened with O_NOFOLLOW, and exclusive create (O_EXCL) is used where a file must be new.
 */
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import fsSync from 'node:fs';
import path from 'node:path';

/** Why a path was refused; `entry` is the offending name as the teacher would see it. */
export class UnsafePathError extends Error {
  constructor(
    readonly entry: string,
    readonly reason: 'not-plain-name' | 'outside' | 'symlink' | 'wrong-kind',
    message: string,
  ) {
    super(message);
    this.name = 'UnsafePathError';
  }
}

/**
 * True when `name` is one plain file name: no separator of either OS, not "." or "..", no NUL,
 * no drive letter or alternate stream (":"), not empty. Used for names from manifests and URLs.
 */
export function isPlainFileName(name: string): boolean {
  if (name === '' || name === '.' || name === '..') return false;
  if (name.length > 255) return false;
  return !/[/\\\0:]/.test(name);
}

/** `name` if it is a plain file name, else UnsafePathError naming it. */
export function plainFileName(name: string, what = 'file name'): string {
  if (!isPlainFileName(name)) {
    throw new UnsafePathError(name, 'not-plain-name', `The ${what} "${name.slice(0, 120)}" is not a plain file name.`);
  }
  return name;
}

/** True when `target` lies strictly inside `root` (lexically; both made absolute first). */
export function isInside(root: string, target: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(target));
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** `root` joined with plain names, each checked: the lexical half of containment. */
export function joinInside(root: string, ...names: string[]): string {
  for (const name of names) plainFileName(name);
  return path.join(root, ...names);
}

/**
 * The real path of the regular file `candidate`, or null when it is missing, not a regular file,
 * or lies (after following every symbolic link, its own and its folders') outside `root`.
 * For reads: a link that stays inside the root is allowed, one that leaves it is not.
 */
export async function realFileInside(root: string, candidate: string): Promise<string | null> {
  if (!isInside(root, candidate)) return null;
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(candidate)]);
    if (!isInside(realRoot, realFile)) return null;
    const stat = await fs.stat(realFile);
    return stat.isFile() ? realFile : null;
  } catch {
    return null;
  }
}

/** Synchronous twin of realFileInside, for code paths that are synchronous throughout. */
export function realFileInsideSync(root: string, candidate: string): string | null {
  if (!isInside(root, candidate)) return null;
  try {
    const realRoot = fsSync.realpathSync(root);
    const realFile = fsSync.realpathSync(candidate);
    if (!isInside(realRoot, realFile)) return null;
    return fsSync.statSync(realFile).isFile() ? realFile : null;
  } catch {
    return null;
  }
}

/** Each path from just below `root` down to `target`, once `target` is known to lie inside `root`. */
function pathsBelow(root: string, target: string): string[] {
  if (!isInside(root, target)) throw new UnsafePathError(target, 'outside', `"${target}" is outside "${root}".`);
  let current = path.resolve(root);
  return path
    .relative(current, path.resolve(target))
    .split(path.sep)
    .map((part) => (current = path.join(current, part)));
}

function linkRefused(root: string, p: string): UnsafePathError {
  const entry = path.relative(root, p);
  return new UnsafePathError(entry, 'symlink', `"${entry}" is a symbolic link.`);
}

/** Missing components end the walk: they will be created as real folders. */
function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Throws UnsafePathError when any existing component of `target` below `root` is a symbolic
 * link (missing components are fine: they will be created as real folders). `root` itself is
 * trusted: the caller resolved it (a project folder is opened by its real path).
 */
export async function assertNoLinksBelow(root: string, target: string): Promise<void> {
  for (const p of pathsBelow(root, target)) {
    const stat = await fs.lstat(p).catch((e: unknown) => {
      if (isMissing(e)) return null;
      throw e;
    });
    if (!stat) return;
    if (stat.isSymbolicLink()) throw linkRefused(root, p);
  }
}

/** Synchronous twin of assertNoLinksBelow. */
export function assertNoLinksBelowSync(root: string, target: string): void {
  for (const p of pathsBelow(root, target)) {
    let stat: fsSync.Stats;
    try {
      stat = fsSync.lstatSync(p);
    } catch (e) {
      if (isMissing(e)) return;
      throw e;
    }
    if (stat.isSymbolicLink()) throw linkRefused(root, p);
  }
}

/** The folders between `root` and `target` (not `target` itself) must not be links. */
async function assertFoldersNoLinks(root: string, target: string): Promise<void> {
  if (!isInside(root, target)) throw new UnsafePathError(target, 'outside', `"${target}" is outside "${root}".`);
  const parent = path.dirname(path.resolve(target));
  if (parent !== path.resolve(root)) await assertNoLinksBelow(root, parent);
}

/**
 * Deletes `target` (file or folder, recursively) below `root` without ever following a link:
 * a link anywhere on the way is refused; a link inside a deleted folder is removed as a link
 * (fs.rm unlinks links, it never descends into them). Missing targets are fine.
 */
export async function removeInside(root: string, target: string): Promise<void> {
  await assertFoldersNoLinks(root, target);
  const stat = await fs.lstat(target).catch(() => null);
  if (!stat) return;
  // The target itself may be a link (a leftover or a planted one): remove the link, not what it names.
  if (stat.isSymbolicLink()) {
    await fs.unlink(target);
    return;
  }
  await fs.rm(target, { recursive: true, force: true });
}

/**
 * The names in `dir` (below `root`), refusing when `dir` or a folder on the way is a link.
 * Missing folders list as empty.
 */
export async function listInside(root: string, dir: string): Promise<string[]> {
  // The root itself is trusted (the caller resolved it); only what lies below it is checked.
  if (path.resolve(dir) !== path.resolve(root)) await assertNoLinksBelow(root, dir);
  try {
    return await fs.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** Flags for opening a file to write it without following a link at its last component. */
export const WRITE_NO_FOLLOW = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);

/** Flags for creating a file that must not exist yet (O_EXCL never follows a link either). */
export const CREATE_EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** Flags for reading a file that must not be a link. */
export const READ_NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/**
 * Writes `data` to `file` below `root`: no component may be a link and the file is opened with
 * O_NOFOLLOW, so a planted link makes this fail (ELOOP) instead of writing through it.
 */
export async function writeFileInside(root: string, file: string, data: Uint8Array | string, exclusive = false): Promise<void> {
  await assertFoldersNoLinks(root, file);
  const handle = await fs.open(file, exclusive ? CREATE_EXCLUSIVE : WRITE_NO_FOLLOW, 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Synchronous twin of writeFileInside (no fsync: callers that need durability use durable-file). */
export function writeFileInsideSync(root: string, file: string, data: Uint8Array | string, exclusive = false): void {
  if (path.dirname(path.resolve(file)) !== path.resolve(root)) assertNoLinksBelowSync(root, path.dirname(file));
  else if (!isInside(root, file)) throw new UnsafePathError(file, 'outside', `"${file}" is outside "${root}".`);
  const fd = fsSync.openSync(file, exclusive ? CREATE_EXCLUSIVE : WRITE_NO_FOLLOW, 0o644);
  try {
    fsSync.writeFileSync(fd, data);
  } finally {
    fsSync.closeSync(fd);
  }
}

/** What an entry of a folder is, without following it: 'missing', 'file', 'dir', 'link' or 'other'. */
export async function entryKind(p: string): Promise<'missing' | 'file' | 'dir' | 'link' | 'other'> {
  const stat = await fs.lstat(p).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (!stat) return 'missing';
  if (stat.isSymbolicLink()) return 'link';
  if (stat.isFile()) return 'file';
  if (stat.isDirectory()) return 'dir';
  return 'other';
}

/** Synchronous twin of entryKind. */
export function entryKindSync(p: string): 'missing' | 'file' | 'dir' | 'link' | 'other' {
  let stat: fsSync.Stats;
  try {
    stat = fsSync.lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw e;
  }
  if (stat.isSymbolicLink()) return 'link';
  if (stat.isFile()) return 'file';
  if (stat.isDirectory()) return 'dir';
  return 'other';
}

/**
 * Makes `dir` (below `root`) and any missing folder on the way, one level at a time, never
 * through a link: an existing component that is a link or not a folder is refused. Unlike
 * `mkdir -p`, a planted link cannot make the studio create folders elsewhere.
 */
export async function mkdirInside(root: string, dir: string): Promise<void> {
  if (!isInside(root, dir)) throw new UnsafePathError(dir, 'outside', `"${dir}" is outside "${root}".`);
  let current = path.resolve(root);
  for (const part of path.relative(current, path.resolve(dir)).split(path.sep)) {
    current = path.join(current, part);
    await fs.mkdir(current).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    const kind = await entryKind(current);
    if (kind !== 'dir') throw refusedEntry(root, current, kind);
  }
}

/** Synchronous twin of mkdirInside. */
export function mkdirInsideSync(root: string, dir: string): void {
  if (!isInside(root, dir)) throw new UnsafePathError(dir, 'outside', `"${dir}" is outside "${root}".`);
  let current = path.resolve(root);
  for (const part of path.relative(current, path.resolve(dir)).split(path.sep)) {
    current = path.join(current, part);
    try {
      fsSync.mkdirSync(current);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const kind = entryKindSync(current);
    if (kind !== 'dir') throw refusedEntry(root, current, kind);
  }
}

function refusedEntry(root: string, p: string, kind: string): UnsafePathError {
  const entry = path.relative(root, p);
  return kind === 'link'
    ? new UnsafePathError(entry, 'symlink', `"${entry}" is a symbolic link.`)
    : new UnsafePathError(entry, 'wrong-kind', `"${entry}" is not a folder.`);
}

/**
 * Reads the file `file` below `root` without following a link anywhere below the root (the last
 * component is opened with O_NOFOLLOW, so a link there fails with ELOOP instead of being read).
 */
export async function readFileInside(root: string, file: string): Promise<Buffer> {
  await assertNoLinksBelow(root, file);
  const handle = await fs.open(file, READ_NO_FOLLOW).catch((e: NodeJS.ErrnoException) => {
    throw e.code === 'ELOOP' ? refusedEntry(root, file, 'link') : e;
  });
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Synchronous twin of readFileInside. */
export function readFileInsideSync(root: string, file: string): Buffer {
  assertNoLinksBelowSync(root, file);
  let fd: number;
  try {
    fd = fsSync.openSync(file, READ_NO_FOLLOW);
  } catch (e) {
    throw (e as NodeJS.ErrnoException).code === 'ELOOP' ? refusedEntry(root, file, 'link') : e;
  }
  try {
    return fsSync.readFileSync(fd);
  } finally {
    fsSync.closeSync(fd);
  }
}

/**
 * Deletes the single file (or link: the link itself) `file` below `root`, synchronously; folders
 * on the way must not be links. Missing is fine. For code that must clean up synchronously (the lock).
 */
export function unlinkInsideSync(root: string, file: string): void {
  const parent = path.dirname(path.resolve(file));
  if (parent !== path.resolve(root)) assertNoLinksBelowSync(root, parent);
  else if (!isInside(root, file)) throw new UnsafePathError(file, 'outside', `"${file}" is outside "${root}".`);
  try {
    fsSync.unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/**
 * Renames `from` to `to`, both below `root`, when no folder on the way to either is a link. A link
 * at `to` itself is replaced (rename never writes through it), never followed.
 */
export async function renameInside(root: string, from: string, to: string): Promise<void> {
  await assertFoldersNoLinks(root, from);
  await assertFoldersNoLinks(root, to);
  await fs.rename(from, to);
}
