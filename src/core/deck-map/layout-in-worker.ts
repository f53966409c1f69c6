import { Worker } from 'node:worker_threads';
import { cancelledError } from '../jobs/job-runner';
import { workerEntry, workerExecArgv } from '../ml/features/worker-entry';
import { projectPoints } from './project-points';

export interface LayoutWorkerData {
  /** Every vector, one after another. */
  flat: Float32Array;
  count: number;
  dim: number;
  seed: number;
}

export type LayoutFromWorker =
  { type: 'progress'; done: number; total: number } | { type: 'done'; places: [number, number][] } | { type: 'error'; message: string };

export interface LayoutOptions {
  seed: number;
  onProgress?(done: number, total: number): void;
  /** Aborting stops the thread at once; the promise then rejects with JOB_CANCELLED. */
  signal?: AbortSignal;
}

/**
 * `projectPoints` in a worker thread of its own. Arranging 5,000 photos takes minutes of CPU, and
 * on the core's thread its longer stretches (UMAP's neighbour search above all) kept every other
 * request of the window waiting for seconds, however finely the epochs were sliced. The same code
 * on the same numbers (float32 in, doubles out) gives the same places. A thread per layout: its
 * start (tens of ms) is nothing beside the layout, and a cancelled one is simply terminated.
 */
export async function layoutInWorker(vectors: readonly Float32Array[], opts: LayoutOptions): Promise<[number, number][]> {
  if (opts.signal?.aborted) throw cancelledError();
  // Too few photos for neighbourhoods: no thread needed for a line.
  if (vectors.length <= 3) return projectPoints(vectors, { seed: opts.seed });
  const dim = vectors[0].length;
  const flat = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => flat.set(v, i * dim));
  const data: LayoutWorkerData = { flat, count: vectors.length, dim, seed: opts.seed };
  const url = await workerEntry('deck-map-worker', import.meta.url);
  if (opts.signal?.aborted) throw cancelledError();
  const worker = new Worker(url, { workerData: data, transferList: [flat.buffer], execArgv: workerExecArgv() });
  return new Promise<[number, number][]>((resolve, reject) => {
    const onAbort = () => {
      settle();
      reject(cancelledError());
    };
    const settle = () => {
      opts.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (msg: LayoutFromWorker) => {
      if (msg.type === 'progress') opts.onProgress?.(msg.done, msg.total);
      else if (msg.type === 'done') {
        settle();
        resolve(msg.places);
      } else {
        settle();
        reject(new Error(`arranging the deck map failed: ${msg.message}`));
      }
    });
    worker.on('error', (e) => {
      settle();
      reject(e);
    });
    worker.on('exit', (code) => {
      settle();
      reject(new Error(`the deck map's worker stopped (exit code ${code})`));
    });
  });
}
