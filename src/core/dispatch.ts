import { isMethodName, validateRequest, type Handlers, type MethodName } from '../shared/api';
import type { Envelope } from '../shared/envelope';
import { toErrorPayload, unknownMethodError } from '../shared/errors';

type AnyHandler = (req: unknown) => Promise<unknown>;

/**
 * Answers one `call` envelope with a `reply` or `error` envelope. Every transport uses this, so
 * unknown methods, malformed payloads (BAD_REQUEST naming the field) and thrown errors are
 * handled the same way everywhere; a handler only ever sees a well-formed request.
 */
export async function dispatchCall(api: Handlers, call: Envelope): Promise<Envelope> {
  try {
    if (call.kind !== 'call' || !isMethodName(call.name)) {
      throw unknownMethodError(call.name);
    }
    const req = validateRequest(call.name, call.payload);
    const payload = await (api[call.name] as AnyHandler)(req);
    return { kind: 'reply', id: call.id, name: call.name, payload: payload ?? null };
  } catch (e) {
    const payload = toErrorPayload(e);
    if (payload.code === 'INTERNAL') console.error(`[core] ${call.name} failed:`, e);
    return { kind: 'error', id: call.id, name: call.name, payload };
  }
}

/**
 * The same validation for callers inside the process (the CLI, tests, the hosts' own calls), so no
 * path reaches a handler with a request the contract does not allow. Validating twice (here and in
 * dispatchCall) is harmless: a well-formed request parses to an equal one.
 */
export function guardHandlers(raw: Handlers): Handlers {
  const guarded: Partial<Record<MethodName, AnyHandler>> = {};
  for (const name of Object.keys(raw) as MethodName[]) {
    const handler = raw[name] as AnyHandler;
    guarded[name] = async (req: unknown) => handler(validateRequest(name, req));
  }
  return guarded as Handlers;
}
