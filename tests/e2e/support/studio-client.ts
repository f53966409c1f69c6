/**
 * The studio's typed API from a test, over the browser host's WebSocket: the same envelopes the
 * UI sends. Setup (import, training, export) goes through it so specs build real decks quickly.
 */
import WebSocket from 'ws';
import type { MethodName, StudioClient } from '../../../src/shared/api';
import type { Envelope } from '../../../src/shared/envelope';
import type { StudioErrorPayload } from '../../../src/shared/errors';
import type { EventName, EventPayload } from '../../../src/shared/events';
import { sessionHeader } from './session';

export interface StudioConnection {
  api: StudioClient;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Resolves with the job's result; rejects with its error (message and fix) when it fails. */
  waitForJob(jobId: string): Promise<unknown>;
  close(): void;
}

/** Connects to the host's socket at `url` (ws://127.0.0.1:<port>/ws) with its session secret. */
export async function connectStudio(url: string, token: string): Promise<StudioConnection> {
  const ws = new WebSocket(url, { headers: sessionHeader(Number(new URL(url).port), token) });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (env: Envelope) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  // Jobs that ended before anyone waited for them.
  const ended = new Map<string, Envelope>();
  ws.on('message', (data) => {
    const env = JSON.parse(String(data)) as Envelope;
    if (env.kind === 'event') {
      if (env.name === 'job.finished' || env.name === 'job.failed') ended.set((env.payload as { jobId: string }).jobId, env);
      for (const l of listeners.get(env.name) ?? []) l(env.payload);
      return;
    }
    pending.get(env.id)?.(env);
    pending.delete(env.id);
  });

  const call = (name: MethodName, payload: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (env) => {
        if (env.kind === 'error') {
          const e = env.payload as StudioErrorPayload;
          reject(new Error(`${name}: ${e.code}: ${e.message} (${e.fix})`));
        } else resolve(env.payload);
      });
      ws.send(JSON.stringify({ kind: 'call', id, name, payload: payload ?? null }));
    });

  const api = new Proxy({} as StudioClient, {
    get: (_t, prop) => (typeof prop === 'string' ? (req?: unknown) => call(prop as MethodName, req) : undefined),
  });

  const on: StudioConnection['on'] = (name, listener) => {
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    const l = listener as (p: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  };

  const settle = (env: Envelope, resolve: (v: unknown) => void, reject: (e: Error) => void) => {
    if (env.name === 'job.finished') resolve((env.payload as { result: unknown }).result);
    else {
      const { error } = env.payload as { error: StudioErrorPayload };
      reject(new Error(`${error.code}: ${error.message} (${error.fix})`));
    }
  };

  const waitForJob = (jobId: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const done = ended.get(jobId);
      if (done) return settle(done, resolve, reject);
      const stops = [on('job.finished', (p) => p.jobId === jobId && finish()), on('job.failed', (p) => p.jobId === jobId && finish())];
      const finish = () => {
        for (const stop of stops) stop();
        settle(ended.get(jobId)!, resolve, reject);
      };
    });

  return { api, on, waitForJob, close: () => ws.close() };
}
