import type { WebSocket } from 'ws';
import type { StudioCore } from '../core/index';
import { dispatchCall } from '../core/dispatch';
import { isEnvelope, type Envelope } from '../shared/envelope';
import type { ImportSource } from '../shared/domain';
import type { Staging } from './staging';

/**
 * Carries envelopes between one browser tab and the core: calls in, replies and every event out.
 * Imports of uploaded files are watched so their staging folders go when the job ends.
 */
export function attachSocket(ws: WebSocket, core: StudioCore, staging: Staging): void {
  const send = (env: Envelope) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(env));
  };
  const stopEvents = core.events.onAny((name, payload) => send({ kind: 'event', id: 0, name, payload }));
  ws.on('close', stopEvents);
  ws.on('error', stopEvents);

  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    let env: unknown;
    try {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- binaryType is the default 'nodebuffer': one Buffer per message
      env = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (!isEnvelope(env) || env.kind !== 'call') return;
    void handleCall(env).then(send);
  });

  async function handleCall(call: Envelope): Promise<Envelope> {
    const reads = call.name === 'startImport' || READ_BEFORE_ANSWER.has(call.name);
    const batches = reads ? staging.batchesOf(sourcesOf(call.payload)) : new Set<string>();
    const reply = await dispatchCall(core.api, call);
    if (batches.size > 0) {
      // An import reads its files in a job that outlives the call; the others are done with them.
      const jobId = call.name === 'startImport' && reply.kind === 'reply' ? (reply.payload as { jobId?: unknown }).jobId : undefined;
      if (typeof jobId === 'string') staging.claim(jobId, batches);
      else await staging.remove(batches);
    }
    return reply;
  }
}

/** Calls that read their staged photos before they answer ("Try a photo", the Test tab's photos). */
const READ_BEFORE_ANSWER = new Set(['classifyPhotos', 'prepareTestPhotos']);

function sourcesOf(payload: unknown): ImportSource[] {
  const sources = (payload as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(sources)) return [];
  return sources.filter((s): s is ImportSource => typeof (s as ImportSource)?.path === 'string');
}
