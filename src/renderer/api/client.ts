import type { MethodName, StudioClient } from '../../shared/api';
import { isMethodName } from '../../shared/api';
import type { Envelope } from '../../shared/envelope';
import { StudioError, type StudioErrorPayload } from '../../shared/errors';
import type { EventName, EventPayload } from '../../shared/events';
import type { Transport } from './transport';

function isErrorPayload(p: unknown): p is StudioErrorPayload {
  return (
    typeof p === 'object' && p !== null && typeof (p as StudioErrorPayload).code === 'string' && typeof (p as StudioErrorPayload).message === 'string'
  );
}

/**
 * The typed client: `client.createDeck({ name })` sends a call envelope and resolves with the reply,
 * or rejects with a StudioError. Built with a Proxy so new contract methods need no code here.
 */
export function createClient(transport: Transport): StudioClient {
  let nextId = 1;
  const call = async (name: MethodName, payload: unknown): Promise<unknown> => {
    const reply = await transport.send({ kind: 'call', id: nextId++, name, payload: payload ?? null });
    if (reply.kind === 'error') {
      throw isErrorPayload(reply.payload)
        ? StudioError.fromPayload(reply.payload)
        : new StudioError('INTERNAL', 'The studio gave an answer it could not read.', 'Try again.');
    }
    return reply.payload;
  };
  return new Proxy({} as StudioClient, {
    get(_target, prop) {
      if (typeof prop !== 'string' || !isMethodName(prop)) return undefined;
      return (req?: unknown) => call(prop, req);
    },
  });
}

type Listener = (payload: unknown) => void;

/** Fans the transport's event envelopes out to typed listeners, by event name. */
export class EventHub {
  private readonly byName = new Map<string, Set<Listener>>();

  constructor(transport: Transport) {
    transport.onEvent((env: Envelope) => {
      const set = this.byName.get(env.name);
      if (set) for (const l of [...set]) l(env.payload);
    });
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.byName.get(name);
    if (!set) this.byName.set(name, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }
}
