import type { Envelope } from '../../shared/envelope';
import { isEnvelope } from '../../shared/envelope';
import type { ImportSource } from '../../shared/domain';
import { StudioError, type StudioErrorPayload } from '../../shared/errors';
import { SESSION_PROBE_PATH } from '../../shared/web-session';
import type { PickedFile, StageProgress, Transport } from './transport';

const UPLOAD_CONCURRENCY = 4;
const RECONNECT_MS = 1000;

/** The header the browser host requires on uploads: a page on another site cannot send it without a preflight. */
export const UPLOAD_HEADER = 'X-Magritte-Upload';

function lostConnection(call: Envelope): Envelope {
  const payload: StudioErrorPayload = {
    code: 'INTERNAL',
    message: 'The connection to the studio was lost.',
    fix: 'Check that the studio (npm run serve) is still running, then try again.',
  };
  return { kind: 'error', id: call.id, name: call.name, payload };
}

/** The host answers 403 to a tab whose session cookie is from an earlier start (see src/web/session.ts). */
const SESSION_REFUSED: StudioErrorPayload = {
  code: 'SESSION_REFUSED',
  message: 'This tab no longer holds the key to the studio: the studio was restarted, and each start makes a new key.',
  fix: 'Open the address the studio printed when it started (it ends with ?token=...). Your work is saved.',
};

/**
 * Browser host: envelopes over a WebSocket to the same host that served the page; dropped files are
 * uploaded to a staging folder because a web page cannot see file paths.
 */
export function createWsTransport(baseUrl: string = window.location.origin): Transport {
  const wsUrl = baseUrl.replace(/^http/, 'ws') + '/ws';
  const listeners = new Set<(e: Envelope) => void>();
  const pending = new Map<number, { call: Envelope; resolve: (e: Envelope) => void }>();
  let socket: WebSocket | null = null;
  let open: Promise<WebSocket> | null = null;

  function connect(): Promise<WebSocket> {
    if (open) return open;
    open = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(wsUrl);
      ws.onopen = () => {
        socket = ws;
        resolve(ws);
      };
      ws.onmessage = (msg) => {
        let env: unknown;
        try {
          env = JSON.parse(String(msg.data));
        } catch {
          return;
        }
        if (!isEnvelope(env)) return;
        if (env.kind === 'event') {
          for (const l of listeners) l(env);
          return;
        }
        const p = pending.get(env.id);
        if (p) {
          pending.delete(env.id);
          p.resolve(env);
        }
      };
      ws.onclose = () => {
        socket = null;
        open = null;
        for (const [id, p] of pending) {
          pending.delete(id);
          p.resolve(lostConnection(p.call));
        }
        reject(new Error('closed'));
        // Keep events flowing after a server restart: reconnect while anyone listens.
        if (listeners.size > 0) setTimeout(() => void connect().catch(() => undefined), RECONNECT_MS);
      };
    });
    open.catch(() => undefined);
    return open;
  }

  /** Why a call cannot go through: the host refuses this tab's session, or it cannot be reached at all. */
  async function unreachable(call: Envelope): Promise<Envelope> {
    const probe = await fetch(`${baseUrl}${SESSION_PROBE_PATH}`, { cache: 'no-store' }).catch(() => null);
    return probe?.status === 403 ? { kind: 'error', id: call.id, name: call.name, payload: SESSION_REFUSED } : lostConnection(call);
  }

  async function uploadOne(batch: string, picked: PickedFile): Promise<ImportSource> {
    const res = await fetch(`${baseUrl}/upload/${batch}`, {
      method: 'PUT',
      headers: {
        [UPLOAD_HEADER]: '1',
        'X-Relative-Path': encodeURIComponent(picked.relativePath),
        'Content-Type': 'application/octet-stream',
      },
      body: picked.file,
    });
    if (res.status === 403) throw StudioError.fromPayload(SESSION_REFUSED);
    const body = (await res.json()) as ImportSource | { error: StudioErrorPayload };
    if (!res.ok || 'error' in body) {
      throw StudioError.fromPayload(
        'error' in body ? body.error : { code: 'INTERNAL', message: `A file could not be sent to the studio (${res.status}).`, fix: 'Try again.' },
      );
    }
    return body;
  }

  return {
    mode: 'browser',
    async send(call) {
      let ws: WebSocket;
      try {
        ws = socket ?? (await connect());
      } catch {
        return unreachable(call);
      }
      return new Promise<Envelope>((resolve) => {
        pending.set(call.id, { call, resolve });
        ws.send(JSON.stringify(call));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      void connect().catch(() => undefined);
      return () => listeners.delete(listener);
    },
    mediaUrl: (kind, sha) => (kind === 'thumb' ? `/media/thumbs/${sha}.webp` : `/media/blobs/${sha}`),
    async stageFiles(files, onProgress?: StageProgress, signal?: AbortSignal) {
      const batch = crypto.randomUUID();
      const out = new Array<ImportSource>(files.length);
      let next = 0;
      let done = 0;
      onProgress?.(0, files.length);
      const worker = async () => {
        while (next < files.length && !signal?.aborted) {
          const i = next++;
          out[i] = await uploadOne(batch, files[i]);
          onProgress?.(++done, files.length);
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.min(UPLOAD_CONCURRENCY, files.length) }, worker));
        if (signal?.aborted) throw new StudioError('JOB_CANCELLED', 'The import was cancelled.', 'Add the photos again when you are ready.');
      } catch (e) {
        // Nothing will import these files now: let the host delete them at once.
        void fetch(`${baseUrl}/upload/${batch}`, { method: 'DELETE', headers: { [UPLOAD_HEADER]: '1' } }).catch(() => undefined);
        throw e;
      }
      return out;
    },
  };
}
