import { isMethodName, type Handlers } from '../shared/api';
import type { Envelope } from '../shared/envelope';
import { toErrorPayload, unknownMethodError } from '../shared/errors';

/**
 * Answers one `call` envelope with a `reply` or `error` envelope. Every transport uses this, so
 * unknown methods and thrown errors are handled the same way everywhere.
 */
export async function dispatchCall(api: Handlers, call: Envelope): Promise<Envelope> {
  try {
    if (call.kind !== 'call' || !isMethodName(call.name)) {
      throw unknownMethodError(call.name);
    }
    const handler = api[call.name] as (req: unknown) => Promise<unknown>;
    const payload = await handler(call.payload);
    return { kind: 'reply', id: call.id, name: call.name, payload: payload ?? null };
  } catch (e) {
    const payload = toErrorPayload(e);
    if (payload.code === 'INTERNAL') console.error(`[core] ${call.name} failed:`, e);
    return { kind: 'error', id: call.id, name: call.name, payload };
  }
}
