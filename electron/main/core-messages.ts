import type { Envelope } from '../../src/shared/envelope';

/**
 * What travels between the main process (CoreHost) and the core's utilityProcess (serveCore).
 * Envelopes ride inside; `shutdown` lets the core close the database cleanly before it exits.
 * `local` carries the main process's own calls (LocalApi in src/core/index.ts): renderer calls
 * always travel as `call`, so a page can never reach them.
 */
export type HostToCore = { type: 'call'; envelope: Envelope } | { type: 'local'; envelope: Envelope } | { type: 'shutdown' };

export type CoreToHost = { type: 'ready' } | { type: 'envelope'; envelope: Envelope } | { type: 'closed' };

export function isHostToCore(value: unknown): value is HostToCore {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'call' || type === 'local' || type === 'shutdown';
}

export function isCoreToHost(value: unknown): value is CoreToHost {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'ready' || type === 'envelope' || type === 'closed';
}
