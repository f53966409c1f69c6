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

/** Walks a folder; yields paths relative to its parent, so they start with the folder's own name. */
async function walk(root: string, rel: string, depth: number, out: { path: string; rel: string }[]): Promise<void> {
  if (depth > MAX_DEPTH) return;
  const entries = await fs.readdir(root, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  for (const e of entries) {
    if (isJunk(e.name)) continue;
    const full = path.join(root, e.name);
    const childRel = `${rel}/${e.name}`;
    if (e.isDirectory()) await walk(full, childRel, depth + 1, out);
    else if (e.isFile()) out.push({ path: full, rel: childRel });
    else if (e.isSymbolicLink()) {
      // Linked files are followed; linked folders are not (they can loop).
      const st = await fs.stat(full).catch(() => null);
      if (st?.isFile()) out.push({ path: full, rel: childRel });
    }
  }
}

/**
 * Turns what the teacher dropped or named into files with the class their folders name.
 * Rule: with one folder ("Apple/1.jpg") that folder is the class; with more ("Fruits/Apple/1.jpg")
 * the first is the dropped container and the second is the class. A file lying loose in a
 * container that also holds class folders names no class.
 */
export async function expandSources(sources: readonly ImportSource[]): Promise<{ items: ImportItem[]; refused: RefusedFile[] }> {
  const raw: { path: string; rel?: string }[] = [];
  const refused: RefusedFile[] = [];
  for (const src of sources) {
    const st = await fs.stat(src.path).catch(() => null);
    if (!st) {
      refused.push({ file: src.relativePath ?? src.path, code: 'FILE_NOT_FOUND', reason: 'The file or folder could not be found; it may have been moved.' });
    } else if (st.isDirectory()) {
      const found: { path: string; rel: string }[] = [];
      const base = src.relativePath ? splitRel(src.relativePath).join('/') : path.basename(path.resolve(src.path));
      await walk(src.path, base, 0, found);
      raw.push(...found);
    } else if (isJunk(path.basename(src.path))) {
      continue;
    } else {
      raw.push({ path: src.path, rel: src.relativePath });
    }
  }

  // Folders that contain class folders are containers, whatever their depth-one files say.
  const containers = new Set<string>();
  for (const r of raw) {
    const dirs = r.rel ? splitRel(r.rel).slice(0, -1) : [];
    if (dirs.length >= 2) containers.add(dirs[0].toLowerCase());
  }

  const items = raw.map((r): ImportItem => {
    if (!r.rel) return { path: r.path, display: r.path };
    const parts = splitRel(r.rel);
    const dirs = parts.slice(0, -1);
    const display = parts.join('/');
    if (dirs.length >= 2) return { path: r.path, display, classKey: dirs[1] };
    if (dirs.length === 1 && !containers.has(dirs[0].toLowerCase())) return { path: r.path, display, classKey: dirs[0] };
    return { path: r.path, display };
  });
  return { items, refused };
}
