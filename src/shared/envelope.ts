/**
 * The one message shape every transport carries (Electron IPC, WebSocket, in-process).
 * A `call` is answered by exactly one `reply` or `error` with the same id; `event`s flow core -> UI.
 */
export type EnvelopeKind = 'call' | 'reply' | 'error' | 'event';

export interface Envelope {
  kind: EnvelopeKind;
  /** Correlates a call with its reply or error; 0 for events. */
  id: number;
  /** Method name for call/reply/error, event name for event. */
  name: string;
  payload: unknown;
}

export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v.kind === 'call' || v.kind === 'reply' || v.kind === 'error' || v.kind === 'event') &&
    typeof v.id === 'number' &&
    typeof v.name === 'string' &&
    'payload' in v
  );
}
