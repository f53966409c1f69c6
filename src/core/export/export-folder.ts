import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { StudioError } from '../../shared/errors';
import { assertNoLinksBelowSync, entryKindSync, listInside, removeInside, writeFileInsideSync } from '../fs/safe-path';
import { fileSafe } from './vocabulary';

/** `2025-03-14_101502` (local time): sorts by date, safe in file names everywhere. */
function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}_${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/**
 * Where an export goes: `target` (made at the end by renaming the staging folder) directly inside
 * `parent`, a real folder every write and delete of the export stays in (fs/safe-path).
 */
export interface ExportDestination {
  parent: string;
  target: string;
}

/**
 * The folder an export goes to: the one asked for (which must be new or empty), or
 * `<project>/exports/<time>-<deck>` made unique. `projectDir` is the project's real path; its
 * exports/ must not be a link (checked at open, and again here since it is about to be written).
 */
export function exportFolder(projectDir: string, deckNames: string[], outDir: string | null, now = new Date()): ExportDestination {
  if (outDir) {
    const target = checkOutDir(outDir);
    // The teacher chose this path: links on the way there are theirs, so the parent is used by its
    // real path, and from there on nothing follows a link.
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const parent = fs.realpathSync(path.dirname(target));
    return { parent, target: path.join(parent, path.basename(target)) };
  }
  const parent = path.join(projectDir, 'exports');
  assertNoLinksBelowSync(projectDir, parent);
  const base = path.join(parent, `${stamp(now)}-${deckNames.map(fileSafe).join('+').slice(0, 80)}`);
  let folder = base;
  for (let n = 2; entryKindSync(folder) !== 'missing'; n++) folder = `${base}-${n}`;
  return { parent, target: folder };
}

/** A folder the teacher named for the export: new or empty, never mixed into, never a link. */
export function checkOutDir(outDir: string): string {
  const target = path.resolve(outDir);
  const kind = entryKindSync(target);
  if (kind !== 'missing' && (kind !== 'dir' || fs.readdirSync(target).length > 0)) {
    throw new StudioError(
      'INVALID_ARGUMENT',
      `${target} already exists and is not an empty folder.`,
      'Choose a new folder for the export (it will be created), or empty that one.',
    );
  }
  return target;
}

/** `.<target folder>.partial-<random>`: the staging folder's name, hidden so it never looks finished. */
const PARTIAL_EXPORT = /^\.(.+)\.partial-[0-9a-z-]+$/i;

/**
 * Files are written into a staging folder next to the target and renamed into place at the end,
 * so a failed or cancelled export never leaves a half-written folder that looks finished. Made
 * with a plain mkdir (never `-p`), so it is always a new folder of ours, not an existing link.
 */
export function stagingFolder(dest: ExportDestination): string {
  const dir = path.join(dest.parent, `.${path.basename(dest.target)}.partial-${randomUUID().slice(0, 8)}`);
  fs.mkdirSync(dir);
  return dir;
}

/**
 * Removes staging folders a stopped export left in `dir` (below or equal to `root`), without
 * following a link; `only` limits it to those of one target name (a teacher's own folder, where
 * other names are none of ours). Returns how many went.
 */
export async function sweepPartialExports(root: string, dir: string, only?: string): Promise<number> {
  let removed = 0;
  for (const name of await listInside(root, dir)) {
    const match = PARTIAL_EXPORT.exec(name);
    if (!match || (only !== undefined && match[1] !== only)) continue;
    await removeInside(root, path.join(dir, name));
    removed++;
  }
  return removed;
}

/** Drops the staging folder of a failed export (the folder itself, never what a link names). */
export async function discardStaging(dest: ExportDestination, staging: string): Promise<void> {
  await removeInside(dest.parent, staging);
}

export function publishFolder(staging: string, dest: ExportDestination): void {
  // checkOutDir made sure it is missing or an empty real folder; rmdir never follows a link.
  if (entryKindSync(dest.target) === 'dir') fs.rmdirSync(dest.target);
  fs.renameSync(staging, dest.target);
}

/** Every file under `dir`, as forward-slash paths relative to it, sorted. */
export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out.sort();
}

/**
 * Zips the given files of `dir` (inside a top folder named `top`) to `zipPath`. Weights barely
 * compress, so model files are stored and only the text files are deflated.
 */
export function zipFolder(dir: string, files: string[], top: string, zipPath: string): void {
  const tree: Zippable = {};
  for (const rel of files) {
    const level = /\.(bin|tflite)$/.test(rel) ? 0 : 6;
    tree[`${top}/${rel}`] = [fs.readFileSync(path.join(dir, rel)), { level }];
  }
  writeFileInsideSync(dir, zipPath, zipSync(tree), true);
}
