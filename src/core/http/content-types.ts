/**
 * Content types for everything the studio serves over HTTP or app://: built page files by their
 * extension, stored photos by their bytes. Node-free, so any shell (Electron's protocol handler, the
 * browser host, the phone page server) can use the one table.
 */
import { sniffImageType } from '../media/sniff-type';

const BY_EXTENSION: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  // WebAssembly.instantiateStreaming refuses anything but this type.
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.bin': 'application/octet-stream',
};

/** The extension of a path's last segment, lower-cased, as node's path.extname finds it ("" for ".hidden"). */
function extensionOf(file: string): string {
  // Both separators: Electron's paths use backslashes on Windows.
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** Content type of a served file, by its extension. */
export function contentTypeForPath(file: string): string {
  return BY_EXTENSION[extensionOf(file)] ?? 'application/octet-stream';
}

/**
 * Content type of a stored original, judged by its first bytes (32 are enough): blobs are named by
 * sha256 alone, so there is no extension to go by. Import judges photos by the same bytes, so every
 * stored photo gets its true type.
 */
export function imageContentType(head: Uint8Array): string {
  const sniff = sniffImageType(head);
  return sniff.ok ? `image/${sniff.kind}` : 'application/octet-stream';
}
