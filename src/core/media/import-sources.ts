import fs from 'node:fs/promises';
import path from 'node:path';
import type { ImportSource, RefusedFile } from '../../shared/domain';
import { LINK_OUTSIDE } from '../../shared/import-refusals';
import { isInside, realFileInside } from '../fs/safe-path';

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

interface Walk {
  /** The chosen folder's real path: links are judged against it. */
  realRoot: string;
  files: { path: string; parts: string[] }[];
  /** Links that lead out of the chosen folder, as "/"-separated parts: skipped and reported. */
  outside: string[][];
}

/**
 * Walks a folder; collects each file with its path below the chosen folder as parts. A linked file
 * is read only when its real path stays in the chosen folder (a photo folder from a USB stick or a
 * colleague may link to anything on this computer); a linked folder is never descended into (links
 * can loop, and one that stays inside is walked where it really is).
 */
async function walk(dir: string, prefix: string[], depth: number, w: Walk): Promise<void> {
  if (depth > MAX_DEPTH) return;
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  for (const e of entries) {
    if (isJunk(e.name)) continue;
    const full = path.join(dir, e.name);
    const parts = [...prefix, e.name];
    if (e.isDirectory()) await walk(full, parts, depth + 1, w);
    else if (e.isFile()) w.files.push({ path: full, parts });
    else if (e.isSymbolicLink()) {
      const real = await fs.realpath(full).catch(() => null);
      // A broken link names nothing to import.
      if (real === null) continue;
      if (!isInside(w.realRoot, real)) {
        w.outside.push(parts);
        continue;
      }
      const file = await realFileInside(w.realRoot, full);
      if (file) w.files.push({ path: file, parts });
    }
  }
}

function linkRefusal(display: string): RefusedFile {
  return {
    file: display,
    code: LINK_OUTSIDE,
    reason:
      'This is a link to something outside the folder you chose; the studio does not follow it. Copy the photo itself into the folder to import it.',
  };
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
      refused.push({
        file: src.relativePath ?? src.path,
        code: 'FILE_NOT_FOUND',
        reason: 'The file or folder could not be found; it may have been moved.',
      });
    } else if (st.isDirectory()) {
      const w: Walk = { realRoot: await fs.realpath(src.path), files: [], outside: [] };
      await walk(w.realRoot, rel ?? [], 0, w);
      const found = w.files;
      if (rel) {
        for (const f of found) items.push({ path: f.path, display: f.parts.join('/'), classKey: f.parts.length >= 2 ? f.parts[0] : undefined });
        refused.push(...w.outside.map((parts) => linkRefusal(parts.join('/'))));
        continue;
      }
      const name = path.basename(path.resolve(src.path));
      const container = found.some((f) => f.parts.length >= 2);
      for (const f of found) {
        const classKey = container ? (f.parts.length >= 2 ? f.parts[0] : undefined) : name;
        items.push({ path: f.path, display: [name, ...f.parts].join('/'), classKey });
      }
      refused.push(...w.outside.map((parts) => linkRefusal([name, ...parts].join('/'))));
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
