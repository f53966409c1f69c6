/**
 * Serves the deck's phone page to phones over USB (adb reverse makes the phone's localhost:<port>
 * this computer's 127.0.0.1:<port>), and, only when the teacher turns it on, to phones on the same
 * network that bring the key of the studio's link (network-access.ts): the page, its built assets, the deck's live model as JSON,
 * the base model's files and the page's service worker. Plain Node http, started on first use.
 *
 *   /phone/<deckId>                  the page (out/renderer/phone/phone.html)
 *   /phone/<deckId>/live-model.json  getLiveModel of the open project (head, labels, words)
 *   /phone-sw.js                     the service worker that keeps the page working offline
 *   /assets/<file>                   the renderer build's assets
 *   /base-models/<id>/<file>         model.json and its weight files (resolveBaseModelFile)
 *   /phone-server.json               "this is a studio's phone server" (a second studio reuses it)
 */
import http from 'node:http';
import path from 'node:path';
import { StudioError, toErrorPayload } from '../../shared/errors';
import type { CoreContext } from '../context';
import { getLiveModel } from '../ml/versions/live-model';
import { getDeck } from '../store/decks-repo';
import { deckStatus } from '../revision/deck-status';
import { projectIdentity } from '../store/project-meta';
import { PROJECT_HEADER } from '../../shared/phone-project';
import type { PhonePageModel } from '../../shared/api/deploy';
import { parseBaseModelRoute, resolveBaseModelFile } from './base-model-files';
import { isLoopbackHostHeader, sendFile, sendJson, sendText } from './phone-http';
import { isPlainFileName, realFileInside } from '../fs/safe-path';
import { findRendererDir, PHONE_HTML } from './renderer-dir';
import { fromLoopback, KEY_COOKIE, keyMatches, keyOf, newKey } from './network-access';

const PAGE = /^\/phone\/(\d{1,9})\/?$/;
const LIVE_MODEL = /^\/phone\/(\d{1,9})\/live-model\.json$/;
const ASSET = /^\/assets\/([^/]+)$/;
export const SERVICE_WORKER_PATH = '/phone-sw.js';
/** Lets one studio recognise another's phone server on a port it wanted. */
const IDENTITY_PATH = '/phone-server.json';
const IDENTITY = { app: 'magritte-studio', serves: 'phone-page' };

async function isPhoneServer(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${IDENTITY_PATH}`, { signal: AbortSignal.timeout(2000) });
    const body = (await res.json()) as { app?: unknown; serves?: unknown };
    return body.app === IDENTITY.app && body.serves === IDENTITY.serves;
  } catch {
    return false;
  }
}

export interface PhoneServerOptions {
  /** The built renderer (holding phone/phone.html); found next to the code when absent. */
  rendererDir?: string;
}

export class PhoneServer {
  private server: http.Server | null = null;
  private listening: Promise<void> | null = null;
  private boundPort: number | null = null;
  private foundRendererDir: string | null = null;
  /** Null: loopback only (USB). Else phones on the network may come with this key. */
  private networkKey: string | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly opts: PhoneServerOptions = {},
  ) {}

  /** The port it serves on, or null when stopped. */
  get port(): number | null {
    return this.boundPort;
  }

  /** The key phones on the network must bring, or null when only this computer is served. */
  get network(): string | null {
    return this.networkKey;
  }

  /**
   * Lets phones on the same network reach the page (listening on every address, key required),
   * or goes back to this computer only. Restarts the server on `port` when the choice changes.
   */
  async setNetwork(enabled: boolean, port: number): Promise<number> {
    if (enabled === (this.networkKey !== null) && this.listening) return this.ensure(port);
    this.networkKey = enabled ? newKey() : null;
    if (this.server) await this.close();
    return this.ensure(port);
  }

  /** Serves on `port` (0: any free port), starting or moving the server as needed; returns the port. */
  async ensure(port: number): Promise<number> {
    if (this.listening && (this.boundPort === port || port === 0)) {
      await this.listening;
      return this.boundPort!;
    }
    if (this.server) await this.close();
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        console.error('[phone] request failed:', e);
        if (!res.headersSent) sendText(res, 500, 'The studio could not answer.');
        else res.destroy();
      });
    });
    this.server = server;
    this.listening = new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.networkKey ? '0.0.0.0' : '127.0.0.1', () => {
        server.off('error', reject);
        this.boundPort = (server.address() as { port: number }).port;
        resolve();
      });
    });
    try {
      await this.listening;
    } catch (e) {
      this.server = null;
      this.listening = null;
      const code = (e as NodeJS.ErrnoException).code;
      // Another copy of the studio (the app while the CLI runs, say) already serves the page there.
      if (code === 'EADDRINUSE' && (await isPhoneServer(port))) return port;
      // The port is the caller's choice (MAGRITTE_PHONE_PORT, --port, a request): say it cannot be used.
      throw new StudioError(
        'PORT_UNAVAILABLE',
        code === 'EADDRINUSE'
          ? `Port ${port} is already used by another program, so the studio cannot show the deck on a phone.`
          : `The studio could not serve the phone page on port ${port} (${(e as Error).message}).`,
        code === 'EADDRINUSE'
          ? 'Close the other program (or another copy of the studio), or start the studio with MAGRITTE_PHONE_PORT set to a free port.'
          : 'Choose another port (MAGRITTE_PHONE_PORT), or restart the studio and try again.',
      );
    }
    return this.boundPort!;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.listening = null;
    this.boundPort = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The built renderer; looked for on each request until found (a build may come later). */
  private rendererDir(): string | null {
    this.foundRendererDir ??= this.opts.rendererDir ?? findRendererDir();
    return this.foundRendererDir;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (fromLoopback(req)) {
      // A page on another site that rebinds its own name to 127.0.0.1 is refused.
      if (!isLoopbackHostHeader(req.headers.host)) return sendText(res, 403, 'Refused: this page is only for phones plugged into this computer.');
    } else {
      const given = keyOf(req, url);
      if (this.networkKey === null || !keyMatches(given.key, this.networkKey)) {
        return sendText(res, 403, 'This page needs the link or QR code shown in the studio. Ask your teacher to show it again.');
      }
      if (given.fromQuery) {
        // Keep the key for the page's own requests, and show a clean address.
        res.writeHead(303, {
          Location: url.pathname,
          'Set-Cookie': `${KEY_COOKIE}=${this.networkKey}; HttpOnly; SameSite=Strict; Path=/`,
          'Cache-Control': 'no-store',
        });
        res.end();
        return;
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Only GET.', { Allow: 'GET, HEAD' });
    const pathname = url.pathname;
    if (pathname === IDENTITY_PATH) return sendJson(req, res, 200, IDENTITY);
    const live = LIVE_MODEL.exec(pathname);
    if (live) return this.sendLiveModel(req, res, Number(live[1]));
    const base = parseBaseModelRoute(pathname);
    if (base) {
      const file = resolveBaseModelFile(base.id, base.file, this.ctx.options);
      return file ? sendFile(req, res, file, true) : sendText(res, 404, 'No such base model file.');
    }
    const rendererDir = this.rendererDir();
    if (!rendererDir) return sendText(res, 503, 'The phone page has not been built. On the computer, run "npm run build", then reload this page.');

    const page = PAGE.exec(pathname);
    if (page) {
      // One canonical address per deck, so the page's relative asset links and the offline copy agree.
      if (pathname.endsWith('/')) {
        res.writeHead(301, { Location: `/phone/${page[1]}` });
        res.end();
        return;
      }
      return sendFile(req, res, path.join(rendererDir, PHONE_HTML), false);
    }
    if (pathname === SERVICE_WORKER_PATH) return sendFile(req, res, path.join(rendererDir, 'phone-sw.js'), false);
    const asset = ASSET.exec(pathname);
    if (asset) {
      const assets = path.join(rendererDir, 'assets');
      const file = isPlainFileName(asset[1]) ? await realFileInside(assets, path.join(assets, asset[1])) : null;
      return file ? sendFile(req, res, file, true) : sendText(res, 404, 'Not found.');
    }
    return sendText(res, 404, 'Nothing here. Open a deck on the phone from the studio ("Open on phone" in the Phones tab).');
  }

  private async sendLiveModel(req: http.IncomingMessage, res: http.ServerResponse, deckId: number): Promise<void> {
    let project: Record<string, string> = {};
    try {
      const store = this.ctx.session.current();
      if (!store) {
        throw new StudioError(
          'NO_PROJECT_OPEN',
          'The studio has no project open right now.',
          'Open the project in the studio, then reload this page.',
        );
      }
      // Which project answers, with the deck and with "no such deck": deck numbers are per project.
      project = { [PROJECT_HEADER]: projectIdentity(store.db) };
      getDeck(store.db, deckId);
      const live = await getLiveModel(this.ctx, { deckId });
      // The version's status as the studio sees it now, so the phone can say when the deck moved on.
      const body: PhonePageModel = { ...live, modelStatus: deckStatus(store.db, deckId).model };
      sendJson(req, res, 200, body, { etag: true, headers: project });
    } catch (e) {
      const error = toErrorPayload(e);
      sendJson(req, res, error.code === 'DECK_NOT_FOUND' || error.code === 'NOT_TRAINED' ? 404 : 503, { error }, { headers: project });
    }
  }
}
