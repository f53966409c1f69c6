import http from 'node:http';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { StudioCore } from '../core/index';
import { createBaseModelHandler } from './base-models';
import { SECURITY_HEADERS } from './csp';
import { createExportZipHandler, EXPORT_ZIP_PREFIX } from './export-zips';
import { refuseReason } from './loopback-guard';
import { createMediaHandler } from './media';
import { entryRedirect, entryUrl, hasSession, noSessionMessage, sessionCookie, sessionToken } from './session';
import { Staging } from './staging';
import { createStaticHandler } from './static-files';
import { attachSocket } from './ws-bridge';
import { SESSION_PROBE_PATH } from '../shared/web-session';

export interface WebHostOptions {
  core: StudioCore;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** The session secret; by default MAGRITTE_SESSION_TOKEN, else a fresh random one. */
  token?: string;
}

export interface WebHost {
  /** The address to open, secret included: `http://127.0.0.1:<port>/?token=<secret>`. */
  url: string;
  port: number;
  /** The session secret every request must carry (as the cookie the entry address sets). */
  token: string;
  close(): Promise<void>;
}

const UPLOAD_ROUTE = /^\/upload\/([^/]+)$/;

function forbid(res: http.ServerResponse, text: string): void {
  res.writeHead(403, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

/** The browser host: the renderer, the envelope over WebSocket, photos, and uploads, on 127.0.0.1 only. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core } = options;
  const staging = new Staging(path.join(core.context.options.dataDir, 'staging'));
  const stopJobWatch = [
    core.events.on('job.finished', ({ jobId }) => void staging.release(jobId)),
    core.events.on('job.failed', ({ jobId }) => void staging.release(jobId)),
  ];
  const serveStatic = createStaticHandler(options.rendererDir);
  const serveMedia = createMediaHandler(() => core.context.session.current()?.dir ?? null);
  const serveBaseModel = createBaseModelHandler(core.context.options);
  const serveExportZip = createExportZipHandler(() => core.context.session.current()?.dir ?? null);
  const token = options.token ?? sessionToken();
  let port = options.port;

  /** Why a request or upgrade may not go on (not this machine, another site, no session), or null. */
  const refusal = (req: http.IncomingMessage): string | null => {
    const refused = refuseReason(req, port);
    if (refused) return `Refused: ${refused}.`;
    return hasSession(req, token, port) ? null : noSessionMessage(port);
  };

  /** Answers requests that may not go on, and swaps the entry address for the session cookie; true if it did. */
  const turnedAway = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const location = req.method === 'GET' || req.method === 'HEAD' ? entryRedirect(req.url, token) : null;
    if (location !== null && !refuseReason(req, port)) {
      res.writeHead(303, { ...SECURITY_HEADERS, Location: location, 'Set-Cookie': sessionCookie(token, port), 'Cache-Control': 'no-store' });
      res.end();
      return true;
    }
    const refused = refusal(req);
    if (refused) forbid(res, refused);
    return refused !== null;
  };

  const server = http.createServer((req, res) => {
    if (turnedAway(req, res)) return;
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const upload = UPLOAD_ROUTE.exec(pathname);
    const fail = (e: unknown) => {
      console.error('[web] request failed:', e);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    };
    if (upload) {
      // A custom header forces a CORS preflight that this server never answers: only our own page can upload.
      if (req.headers['x-magritte-upload'] !== '1' || (req.method !== 'PUT' && req.method !== 'DELETE')) {
        res.writeHead(405, SECURITY_HEADERS);
        res.end();
        return;
      }
      if (req.method === 'DELETE') staging.discard(upload[1]).then(() => res.writeHead(204, SECURITY_HEADERS).end(), fail);
      else staging.handleUpload(req, res, upload[1]).catch(fail);
    } else if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS);
      res.end();
    } else if (pathname === SESSION_PROBE_PATH) {
      res.writeHead(204, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' });
      res.end();
    } else if (pathname.startsWith('/media/')) {
      serveMedia(req, res, pathname).catch(fail);
    } else if (pathname.startsWith('/base-models/')) {
      serveBaseModel(req, res, pathname).catch(fail);
    } else if (pathname.startsWith(EXPORT_ZIP_PREFIX)) {
      serveExportZip(req, res, pathname).catch(fail);
    } else {
      serveStatic(req, res, pathname).catch(fail);
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const refused = pathname === '/ws' ? refusal(req) : 'Not the studio socket.';
    if (refused) {
      const body = Buffer.from(refused);
      socket.end(
        `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${refused}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachSocket(ws, core, staging));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address && typeof address === 'object') port = address.port;

  return {
    url: entryUrl(port, token),
    port,
    token,
    close: async () => {
      for (const stop of stopJobWatch) stop();
      staging.close();
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
