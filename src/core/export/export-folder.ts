import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { StudioError } from '../../shared/errors';
import { fileSafe } from './vocabulary';

/** `2025-03-14_101502` (local time): sorts by date, safe in file names everywhere. */
function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}_${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/**
 * The folder an export goes to: the one asked for (which must be new or empty), or
 * `<project>/exports/<time>-<deck>` made unique.
 */
export function exportFolder(exportsDir: string, deckNames: string[], outDir: string | null, now = new Date()): string {
  if (outDir) return checkOutDir(outDir);
  const base = path.join(exportsDir, `${stamp(now)}-${deckNames.map(fileSafe).join('+').slice(0, 80)}`);
  let folder = base;
  for (let n = 2; fs.existsSync(folder); n++) folder = `${base}-${n}`;
  return folder;
}

/** A folder the teacher named for the export: new or empty, never mixed into. */
export function checkOutDir(outDir: string): string {
  const target = path.resolve(outDir);
  if (fs.existsSync(target) && (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length > 0)) {
    throw new StudioError(
      'INVALID_ARGUMENT',
      `${target} already exists and is not an empty folder.`,
      'Choose a new folder for the export (it will be created), or empty that one.',
    );
  }
  return target;
}

/**
 * Files are written into a staging folder next to the target and renamed into place at the end,
 * so a failed or cancelled export never leaves a half-written folder that looks finished.
 */
export function stagingFolder(target: string): string {
  const dir = path.join(path.dirname(target), `.${path.basename(target)}.partial-${randomUUID().slice(0, 8)}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function publishFolder(staging: string, target: string): void {
  if (fs.existsSync(target)) fs.rmdirSync(target); // checked empty by exportFolder
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.renameSync(staging, target);
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
  fs.writeFileSync(zipPath, zipSync(tree));
}
