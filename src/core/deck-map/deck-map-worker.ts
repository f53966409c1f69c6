/**
 * Runs inside a worker thread started by `layoutInWorker`: arranges one deck's feature vectors
 * (UMAP, `projectPoints`) away from the core's thread, reporting progress as it goes, then posts
 * the places and ends. Cancelling terminates the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { projectPoints } from './project-points';
import type { LayoutFromWorker, LayoutWorkerData } from './layout-in-worker';

const port = parentPort;
if (!port) throw new Error('deck-map-worker must run in a worker thread');
const data = workerData as LayoutWorkerData;

function send(msg: LayoutFromWorker): void {
  port!.postMessage(msg);
}

// One flat array for all vectors (one transfer); the rows are views into it.
const vectors = Array.from({ length: data.count }, (_, i) => data.flat.subarray(i * data.dim, (i + 1) * data.dim));
projectPoints(vectors, { seed: data.seed, onProgress: (done, total) => send({ type: 'progress', done, total }) }).then(
  (places) => send({ type: 'done', places }),
  (e: unknown) => send({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
);
