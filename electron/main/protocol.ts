import fs from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { resolveOptions } from '../../src/core/options';
import { imageContentType } from '../../src/core/http/content-types';
import { parseBaseModelRoute, resolveBaseModelFile } from '../../src/core/phone-page/base-model-files';
import { CONTENT_SECURITY_POLICY } from './csp';
import { resolveAppFile, type AppRoots } from './protocol-paths';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './security-policy';

/**
 * app:// behaves like https for the page (a secure, standard origin with fetch, CORS and streaming),
 * which is why it must be registered before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true, codeCache: true },
    },
  ]);
}

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const PAGE_HEADERS = {
  ...COMMON_HEADERS,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

const MEDIA_HEADERS = {
  ...COMMON_HEADERS,
  // A photo opened on its own must not run anything (an SVG, say).
  'Content-Security-Policy': "default-src 'none'; img-src 'self'; sandbox",
  // Lets the page read pixels of its own photos (crossOrigin="anonymous") for the camera/test views.
  'Access-Control-Allow-Origin': APP_ORIGIN,
  // Named by their sha256: a given URL never changes.
  'Cache-Control': 'private, max-age=31536000, immutable',
};

function refusal(status: number, reason: string): Response {
  return new Response(reason, { status, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * app://studio/base-models/<id>/<file>: a base network's model.json and shards for the window's
 * TF.js (Test screen). The core runs with default options in its utilityProcess; the same
 * environment gives the same model folders here. Null when the URL is not a base-model URL.
 */
async function serveBaseModel(request: Request): Promise<Response | null> {
  const url = new URL(request.url);
  const route = url.host === APP_HOST ? parseBaseModelRoute(url.pathname) : null;
  if (!route) return null;
  const file = resolveBaseModelFile(route.id, route.file, resolveOptions());
  const bytes = file ? await fs.readFile(file).catch(() => null) : null;
  if (!bytes) return refusal(404, 'No such base model file on this computer');
  const contentType = route.file === 'model.json' ? 'application/json' : 'application/octet-stream';
  const headers = { ...COMMON_HEADERS, 'Content-Type': contentType, 'Content-Length': String(bytes.byteLength), 'Cache-Control': 'no-cache' };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { status: 200, headers });
}

/** Serves app://studio (the built renderer) and app://media (photos of the open project). */
export function handleAppScheme(session: Session, roots: () => AppRoots): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Method not allowed');
    const baseModel = await serveBaseModel(request);
    if (baseModel) return baseModel;
    const resolved = await resolveAppFile(request.url, roots());
    if (!resolved.ok) {
      if (resolved.status !== 404) console.warn(`[main] app:// refused ${request.url}: ${resolved.reason}`);
      return refusal(resolved.status, resolved.reason);
    }
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(resolved.file);
    } catch {
      return refusal(404, 'Not found');
    }
    const contentType = resolved.kind === 'blob' ? imageContentType(bytes.subarray(0, 32)) : resolved.contentType;
    const headers = {
      ...(resolved.kind === 'renderer' ? PAGE_HEADERS : MEDIA_HEADERS),
      'Content-Type': contentType,
      'Content-Length': String(bytes.byteLength),
    };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      status: 200,
      headers,
    });
  });
}
