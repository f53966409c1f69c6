import fs from 'node:fs/promises';
import path from 'node:path';
import type { ImportSource, RefusedFile } from '../../shared/domain';

/** One file to import and the class its location names (if any). */
export interface ImportItem {
  path: string;
  /** How the teacher sees it in reports: "Apple/1.jpg", or the path. */
  display: string;
  /** Class key named by the file's folder; undefined when no folder names one. */
  classKey?: string;
}

const JUNK = new Set(['thumbs.db', 'desktop.ini', '__macosx']);
const MAX_DEPTH = 16;

function isJunk(name: string): boolean {
  // Hidden files (.DS_Store, ._x.jpg from macOS) and OS clutter are skipped silently.
  return name.startsWith('.') || JUNK.has(name.toLowerCase());
}

function splitRel(rel: string): string[] {
  return rel.split(/[/\\]+/).filter((s) => s.length > 0 && s !== '.');
}

/** Walks a folder; yields each file with its path below `root` as "/"-separated parts. */
async function walk(root: string, prefix: string[], depth: number, out: { path: string; parts: string[] }[]): Promise<void> {
  if (depth > MAX_DEPTH) return;
  const entries = await fs.readdir(root, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  for (const e of entries) {
    if (isJunk(e.name)) continue;
    const full = path.join(root, e.name);
    const parts = [...prefix, e.name];
    if (e.isDirectory()) await walk(full, parts, depth + 1, out);
    else if (e.isFile()) out.push({ path: full, parts });
    else if (e.isSymbolicLink()) {
      // Linked files are followed; linked folders are not (they can loop).
      const st = await fs.stat(full).catch(() => null);
      if (st?.isFile()) out.push({ path: full, parts });
    }
  }
}

/**
 * Turns what the teacher dropped or named into files with the class their folders name.
 * - With a `relativePath` (what a window drop gives) the first folder names the class:
 *   "Apple/1.jpg" and "Apple/more/2.jpg" go to Apple; "1.jpg" names none.
 * - A folder given by path alone (CLI, folder picker) that holds sub-folders is a folder of class
 *   folders: "fruits/Apple/1.jpg" goes to Apple and files lying loose beside the class folders name
 *   none. A folder with no sub-folders is itself one class, named after the folder.
 */
export async function expandSources(sources: readonly ImportSource[]): Promise<{ items: ImportItem[]; refused: RefusedFile[] }> {
  const items: ImportItem[] = [];
  const refused: RefusedFile[] = [];
  for (const src of sources) {
    const st = await fs.stat(src.path).catch(() => null);
    const rel = src.relativePath !== undefined ? splitRel(src.relativePath) : undefined;
    if (!st) {
      refused.push({ file: src.relativePath ?? src.path, code: 'FILE_NOT_FOUND', reason: 'The file or folder could not be found; it may have been moved.' });
    } else if (st.isDirectory()) {
      const found: { path: string; parts: string[] }[] = [];
      await walk(src.path, rel ?? [], 0, found);
      if (rel) {
        for (const f of found) items.push({ path: f.path, display: f.parts.join('/'), classKey: f.parts.length >= 2 ? f.parts[0] : undefined });
        continue;
      }
      const name = path.basename(path.resolve(src.path));
      const container = found.some((f) => f.parts.length >= 2);
      for (const f of found) {
        const classKey = container ? (f.parts.length >= 2 ? f.parts[0] : undefined) : name;
        items.push({ path: f.path, display: [name, ...f.parts].join('/'), classKey });
      }
    } else if (isJunk(path.basename(src.path))) {
      continue;
    } else if (rel && rel.length > 0) {
      items.push({ path: src.path, display: rel.join('/'), classKey: rel.length >= 2 ? rel[0] : undefined });
    } else {
      items.push({ path: src.path, display: src.path });
    }
  }
  return { items, refused };
}
