/** Small HTTP helpers for the phone page server: headers, files and JSON answers. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendFileBody } from '../http/send-file';

/**
 * The phone page's policy: its own scripts and WebAssembly, the camera stream, nothing from
 * elsewhere. Like the studio window's, minus the WebSocket (the page only fetches files).
 */
export const PHONE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const PHONE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': PHONE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(self), microphone=()',
};

/** Loopback names only: a page on another site that rebinds its own name to 127.0.0.1 is refused. */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.toLowerCase().replace(/:\d+$/, '');
  return name === 'localhost' || name === '127.0.0.1' || name === '[::1]';
}

export function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...PHONE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(text);
}

/** True when the request's If-None-Match names `etag` (a list, weak tags and "*" included). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}

/**
 * Answers JSON. With `etag`, the body's hash is its tag and a request that already holds it gets a
 * bodiless 304: the phone checks its deck's model on every load without downloading it again.
 */
export function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  value: unknown,
  opts: { etag?: boolean; headers?: Record<string, string> } = {},
): void {
  const body = Buffer.from(JSON.stringify(value));
  const etag = opts.etag ? `"${createHash('sha256').update(body).digest('base64url')}"` : null;
  const headers = {
    ...PHONE_HEADERS,
    // Always asked again while the phone is online; its service worker keeps the last copy for offline use.
    'Cache-Control': 'no-cache',
    ...opts.headers,
    ...(etag ? { ETag: etag } : {}),
  };
  if (etag && status === 200 && matchesEtag(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Streams a file; `immutable` for content-hashed names, else the browser checks again each time. */
export async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, immutable: boolean): Promise<void> {
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat?.isFile()) return sendText(res, 404, 'Not found.');
  return sendFileBody(req, res, file, stat.size, { headers: PHONE_HEADERS, immutable });
}
