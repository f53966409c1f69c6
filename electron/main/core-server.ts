import type { LocalApi, StudioCore } from '../../src/core/index';
import { dispatchCall } from '../../src/core/dispatch';
import { isEnvelope, type Envelope } from '../../src/shared/envelope';
import { toErrorPayload, unknownMethodError } from '../../src/shared/errors';
import { isHostToCore, type CoreToHost } from './core-messages';

/** The slice of Electron's `process.parentPort` the core side needs (a fake in tests). */
export interface ParentPortLike {
  postMessage(message: CoreToHost): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

/**
 * Runs inside the utilityProcess: answers `call` envelopes with the core and forwards every core
 * event. Returns a promise that settles once a `shutdown` has closed the core.
 */
export function serveCore(port: ParentPortLike, core: StudioCore): Promise<void> {
  const post = (message: CoreToHost): void => {
    try {
      port.postMessage(message);
    } catch (e) {
      // A payload that cannot be cloned is a core bug; answer the call rather than leave it hanging.
      if (message.type !== 'envelope' || message.envelope.kind === 'event') {
        console.error('[core] could not send', message.type, e);
        return;
      }
      const { id, name } = message.envelope;
      port.postMessage({ type: 'envelope', envelope: { kind: 'error', id, name, payload: toErrorPayload(e) } });
    }
  };

  core.events.onAny((name, payload) => post({ type: 'envelope', envelope: { kind: 'event', id: 0, name, payload } }));

  return new Promise<void>((resolve) => {
    let closing = false;
    port.on('message', ({ data }) => {
      if (!isHostToCore(data) || closing) return;
      if (data.type === 'shutdown') {
        closing = true;
        core
          .close()
          .catch((e: unknown) => console.error('[core] close failed', e))
          .finally(() => {
            post({ type: 'closed' });
            resolve();
          });
        return;
      }
      const call: Envelope = data.envelope;
      if (!isEnvelope(call) || call.kind !== 'call') return;
      const answer = data.type === 'local' ? answerLocal(core.local, call) : dispatchCall(core.api, call);
      void answer.then((envelope) => post({ type: 'envelope', envelope }));
    });
    post({ type: 'ready' });
  });
}

/** Answers one of the main process's own calls (never a renderer's: those arrive as `call`). */
async function answerLocal(local: LocalApi, call: Envelope): Promise<Envelope> {
  try {
    if (call.name !== 'chooseAdbProgram') throw unknownMethodError(call.name);
    const file = call.payload;
    if (file !== null && typeof file !== 'string') throw unknownMethodError(call.name);
    return { kind: 'reply', id: call.id, name: call.name, payload: await local.chooseAdbProgram(file) };
  } catch (e) {
    return { kind: 'error', id: call.id, name: call.name, payload: toErrorPayload(e) };
  }
}
