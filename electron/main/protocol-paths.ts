import path from 'node:path';
import { blobPath, isSha256, thumbPath } from '../../src/core/store/paths';
import { contentTypeForPath } from '../../src/core/http/content-types';
import { realFileInside } from '../../src/core/fs/safe-path';
import { APP_HOST, APP_SCHEME } from './security-policy';

/**
 * Maps app:// URLs to files, refusing anything outside the folder each host may serve:
 *   app://studio/<file>              built renderer files (out/renderer)
 *   app://media/thumbs/<sha>.webp    a thumbnail of the open project
 *   app://media/blobs/<sha>          an original photo of the open project
 * Photos stay on their own origin (app://media), apart from the page's scripts (app://studio).
 * Checked twice: lexically on the decoded URL, then on the real path after symlinks are resolved.
 */

export const MEDIA_HOST = 'media';

export type AppTarget = { kind: 'renderer'; segments: string[] } | { kind: 'thumb'; sha: string } | { kind: 'blob'; sha: string };

export type Refusal = { ok: false; status: 400 | 403 | 404; reason: string };
export type ParsedAppUrl = ({ ok: true } & AppTarget) | Refusal;
export type AppFile = { ok: true; kind: AppTarget['kind']; file: string; contentType: string } | Refusal;

export interface AppRoots {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The open project's `<name>.magritte` folder, or null when none is open. */
  projectDir: string | null;
}

function refuse(status: Refusal['status'], reason: string): Refusal {
  return { ok: false, status, reason };
}

/** Decodes one path segment; null when it could step out of its folder or is not valid. */
function safeSegment(raw: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (decoded === '.' || decoded === '..') return null;
  // Separators (either OS), NUL and drive letters have no business in a file name here.
  if (/[/\\\0:]/.test(decoded)) return null;
  return decoded;
}

function parseMedia(segments: string[]): ParsedAppUrl {
  if (segments.length !== 2) return refuse(404, 'Unknown media path');
  const [folder, name] = segments;
  if (folder === 'thumbs') {
    const sha = name.endsWith('.webp') ? name.slice(0, -'.webp'.length) : '';
    return isSha256(sha) ? { ok: true, kind: 'thumb', sha } : refuse(400, 'Not a thumbnail name');
  }
  if (folder === 'blobs') {
    return isSha256(name) ? { ok: true, kind: 'blob', sha: name } : refuse(400, 'Not a photo name');
  }
  return refuse(404, 'Unknown media folder');
}

/** Lexical half of the check: which file an app:// URL names, without touching the disk. */
export function parseAppUrl(url: string): ParsedAppUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse(400, 'Malformed URL');
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return refuse(400, 'Not an app:// URL');
  const segments: string[] = [];
  // Empty segments ("//") are dropped: everything is joined below a fixed root anyway.
  for (const raw of parsed.pathname.split('/')) {
    if (raw === '') continue;
    const segment = safeSegment(raw);
    if (segment === null) return refuse(403, 'Path leaves its folder');
    segments.push(segment);
  }
  if (parsed.host === MEDIA_HOST) return parseMedia(segments);
  if (parsed.host !== APP_HOST) return refuse(404, 'Unknown host');
  return { ok: true, kind: 'renderer', segments: segments.length > 0 ? segments : ['index.html'] };
}

/** A page route such as app://studio/deck/3 (no file extension) gets index.html. */
function looksLikeRoute(segments: string[]): boolean {
  const last = segments[segments.length - 1] ?? '';
  return !last.includes('.');
}

/** Full check: URL -> real file path and content type, or a refusal with an HTTP status. */
export async function resolveAppFile(url: string, roots: AppRoots): Promise<AppFile> {
  const target = parseAppUrl(url);
  if (!target.ok) return target;
  if (target.kind === 'renderer') {
    const file = await realFileInside(roots.rendererDir, path.join(roots.rendererDir, ...target.segments));
    if (file) return { ok: true, kind: 'renderer', file, contentType: contentTypeForPath(file) };
    if (looksLikeRoute(target.segments)) {
      const index = await realFileInside(roots.rendererDir, path.join(roots.rendererDir, 'index.html'));
      if (index) return { ok: true, kind: 'renderer', file: index, contentType: contentTypeForPath(index) };
    }
    return refuse(404, 'Not found');
  }
  if (roots.projectDir === null) return refuse(404, 'No project is open');
  const candidate = target.kind === 'thumb' ? thumbPath(roots.projectDir, target.sha) : blobPath(roots.projectDir, target.sha);
  const file = await realFileInside(roots.projectDir, candidate);
  if (!file) return refuse(404, 'Not found');
  // Blobs have no extension; protocol.ts sniffs their first bytes.
  const contentType = target.kind === 'thumb' ? 'image/webp' : 'application/octet-stream';
  return { ok: true, kind: target.kind, file, contentType };
}
