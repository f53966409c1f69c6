import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BaseModelManifestEntry, FeatureEngineName, MlBackendName } from '../../../shared/api/training';
import { StudioError, toErrorPayload, type StudioErrorCode } from '../../../shared/errors';
import { cancelledError } from '../../jobs/job-runner';
import { compileTfliteWasm } from '../../export/tflite/tflite-interpreter';
import type { FeatureItemResult, FeatureTaskItem, FeatureWorkerData, FromWorker, ToWorker } from './feature-pool-protocol';
import { preparePixels, type Variant } from './preprocess';
import { featureWorkerEntry, workerExecArgv } from './worker-entry';

/** One photo to compute features for; `read` is called just before it is sent to a worker. */
export interface PoolItem {
  key: string;
  read: () => Promise<Buffer>;
  variants: Variant[];
}

export interface PoolRunOptions {
  signal?: AbortSignal;
  /**
   * Where photos are decoded and resized: on this process's libuv threads (default; this JS thread
   * only awaits sharp) or inside the workers. Measured on 2 cores, 240 fruit photos, quiet machine
   * (bench/features.bench.ts): the same within noise, 102-110 photos/s either way; decoding here
   * keeps each worker's thread on the network alone.
   */
  decodeIn?: 'worker' | 'main';
  onResult: (result: FeatureItemResult) => void;
}

/** Photos per message: small enough to cancel quickly, big enough to batch the network. */
const CHUNK = 4;
/** Chunks queued per worker, so it never waits for the main thread between chunks. */
const IN_FLIGHT = 2;
/** An idle pool keeps its workers (and loaded networks) this long for the next job. */
const IDLE_MS = 60_000;
/** How long a closing worker may take to free its network before it is stopped anyway. */
const CLOSE_MS = 2_000;

interface Started {
  pw: PoolWorker;
  backend: MlBackendName;
  engine: FeatureEngineName;
  fallback: string | null;
  /** From creating the thread to its code running; then loading and warming up the engine. */
  ms: { thread: number; engine: number };
}

/** Where a pool's start-up went, in ms (the slowest worker's figures; workers start in parallel). */
export interface PoolStartup {
  totalMs: number;
  /** Compiling TensorFlow Lite's .wasm once on this thread for every worker and, from sources, bundling the worker's code (once per process). */
  prepareMs: number;
  /** From a worker thread's creation to its code running (Node, and from sources the TypeScript loader). */
  threadMs: number;
  /** Loading the engine and the network, and the warm-up run. */
  engineMs: number;
}

interface PoolWorker {
  worker: Worker;
  /** Set when the thread crashed: it gets no more work. */
  dead: boolean;
  pending: Map<number, (results: FeatureItemResult[]) => void>;
  stats: FeaturePool['stats'] | null;
  /** Resolves with the worker's 'closed' answer (interpreters left loaded). */
  closed: ((liveInterpreters: number) => void) | null;
}

/** The number of workers a pool starts: one per core the OS lets us use. */
export function defaultPoolSize(): number {
  return Math.max(1, os.availableParallelism());
}

/**
 * A pool of worker threads, each with its own TF.js and copy of the base network, so feature
 * extraction uses every core and never blocks the core's own thread.
 */
export class FeaturePool {
  private taskSeq = 0;
  private closed = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private active = 0;
  /** Milliseconds the workers spent decoding and running the network (summed over workers). */
  readonly stats = { decodeMs: 0, inferMs: 0, photos: 0 };
  /** After close: the interpreters each worker still had loaded once it freed its network (null: no answer). */
  closeReport: (number | null)[] = [];
  /** Where the start-up went. */
  startup: PoolStartup = { totalMs: 0, prepareMs: 0, threadMs: 0, engineMs: 0 };

  private constructor(
    private readonly workers: PoolWorker[],
    readonly backend: MlBackendName,
    /** What runs the network; 'tfjs' when TensorFlow Lite could not run (see `fallbackReason`). */
    readonly engine: FeatureEngineName,
    readonly fallbackReason: string | null,
    readonly modelDir: string,
    private readonly inputSize: number,
  ) {
    this.setIdle();
  }

  /**
   * Starts `size` workers. With `tflite` (the feature network as .tflite) they run TensorFlow Lite,
   * falling back to TF.js by themselves when it does not load; the pool uses one engine throughout
   * (features of one job never mix engines).
   */
  static async start(
    modelDir: string,
    entry: BaseModelManifestEntry,
    size = defaultPoolSize(),
    tflite?: FeatureWorkerData['tflite'],
  ): Promise<FeaturePool> {
    const t0 = performance.now();
    // TensorFlow Lite's .wasm is compiled once here (V8 compiles off this thread), then only
    // instantiated by each worker. If it does not compile, the workers try by themselves and fall
    // back to TF.js, saying why. Meanwhile the worker's entry is found (or bundled, from sources).
    const [url, wasm] = await Promise.all([
      featureWorkerEntry(),
      tflite && !tflite.wasm ? compileTfliteWasm(tflite.runtimeDir).catch(() => undefined) : tflite?.wasm,
    ]);
    const prepareMs = performance.now() - t0;
    let started = await startAll(size, url, { modelDir, entry, tflite: tflite && { ...tflite, wasm } });
    const engines = new Set(started.filter((s) => s.status === 'fulfilled').map((s) => (s as PromiseFulfilledResult<Started>).value.engine));
    if (engines.size > 1) {
      await closeStarted(started);
      started = await startAll(size, url, { modelDir, entry });
    }
    const ok = started.filter((s): s is PromiseFulfilledResult<Started> => s.status === 'fulfilled');
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      await Promise.all(ok.map((s) => s.value.pw.worker.terminate()));
      throw failed.reason;
    }
    const first = ok[0].value;
    const pool = new FeaturePool(
      ok.map((s) => s.value.pw),
      first.backend,
      first.engine,
      first.fallback,
      modelDir,
      entry.inputSize,
    );
    for (const pw of pool.workers) pw.stats = pool.stats;
    const slowest = (pick: (s: Started) => number) => Math.round(Math.max(...ok.map((s) => pick(s.value))));
    pool.startup = {
      totalMs: Math.round(performance.now() - t0),
      prepareMs: Math.round(prepareMs),
      threadMs: slowest((s) => s.ms.thread),
      engineMs: slowest((s) => s.ms.engine),
    };
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  /** Computes features for every item; stops handing out work when `signal` aborts. */
  async run(items: readonly PoolItem[], opts: PoolRunOptions): Promise<void> {
    if (this.closed) throw new Error('feature pool is closed');
    this.setBusy();
    try {
      let next = 0;
      const feed = async (pw: PoolWorker): Promise<void> => {
        while (next < items.length && !opts.signal?.aborted && !pw.dead) {
          const chunk = items.slice(next, next + CHUNK);
          next += chunk.length;
          const payload: FeatureTaskItem[] = [];
          for (const item of chunk) {
            let bytes: Buffer;
            try {
              bytes = await item.read();
            } catch (e) {
              opts.onResult({ key: item.key, error: { code: 'FILE_NOT_FOUND', message: e instanceof Error ? e.message : String(e) } });
              continue;
            }
            if ((opts.decodeIn ?? 'main') === 'main') {
              try {
                const views = await preparePixels(bytes, this.inputSize, item.variants);
                const pixels: Partial<Record<Variant, ArrayBuffer>> = {};
                for (const [v, px] of views) pixels[v] = px.buffer as ArrayBuffer;
                payload.push({ key: item.key, pixels, variants: item.variants });
              } catch (e) {
                const p = toErrorPayload(e);
                opts.onResult({ key: item.key, error: { code: p.code, message: p.message } });
              }
              continue;
            }
            const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
            payload.push({ key: item.key, bytes: ab, variants: item.variants });
          }
          if (payload.length === 0) continue;
          const results = await this.send(pw, payload);
          this.stats.photos += payload.length;
          results.forEach(opts.onResult);
        }
      };
      // IN_FLIGHT feeders per worker keep its queue full while results travel back.
      await Promise.all(this.workers.flatMap((pw) => Array.from({ length: IN_FLIGHT }, () => feed(pw))));
      if (opts.signal?.aborted) throw cancelledError();
    } finally {
      this.setIdle();
    }
  }

  private send(pw: PoolWorker, items: FeatureTaskItem[]): Promise<FeatureItemResult[]> {
    const taskId = ++this.taskSeq;
    return new Promise((resolve) => {
      if (pw.dead) {
        resolve([]);
        return;
      }
      pw.pending.set(taskId, resolve);
      const msg: ToWorker = { type: 'task', taskId, items };
      const transfer = items.flatMap((i) => (i.bytes ? [i.bytes] : Object.values(i.pixels ?? {})));
      pw.worker.postMessage(msg, transfer);
    });
  }

  /** Workers hold the process open only while a run is going on. */
  private setBusy(): void {
    this.active++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    for (const pw of this.workers) pw.worker.ref();
  }

  private setIdle(): void {
    this.active = Math.max(0, this.active - 1);
    if (this.active > 0) return;
    for (const pw of this.workers) pw.worker.unref();
    this.idleTimer = setTimeout(() => void this.close(), IDLE_MS);
    this.idleTimer.unref();
  }

  /** Closed, or broken by a crashed worker (the registry then starts a fresh pool). */
  get isClosed(): boolean {
    return this.closed || this.workers.some((pw) => pw.dead);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.closeReport = await Promise.all(this.workers.map(closeWorker));
  }
}

function startAll(size: number, url: URL, data: FeatureWorkerData): Promise<PromiseSettledResult<Started>[]> {
  return Promise.allSettled(Array.from({ length: size }, () => startWorker(url, data)));
}

async function closeStarted(started: PromiseSettledResult<Started>[]): Promise<void> {
  await Promise.all(started.map((s) => (s.status === 'fulfilled' ? closeWorker(s.value.pw) : Promise.resolve())));
}

/** Asks the worker to free its network (the interpreter lives in wasm memory), then stops the thread. */
async function closeWorker(pw: PoolWorker): Promise<number | null> {
  let live: number | null = null;
  if (!pw.dead) {
    live = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), CLOSE_MS);
      pw.closed = (n) => {
        clearTimeout(timer);
        resolve(n);
      };
      pw.worker.postMessage({ type: 'close' } satisfies ToWorker);
    });
  }
  await pw.worker.terminate();
  return live;
}

function startWorker(url: URL, data: FeatureWorkerData): Promise<Started> {
  return new Promise((resolve, reject) => {
    const created = performance.now();
    const worker = new Worker(url, { workerData: data, execArgv: workerExecArgv() });
    const pw: PoolWorker = { worker, dead: false, pending: new Map(), stats: null, closed: null };
    let ready = false;
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'ready') {
        ready = true;
        const thread = performance.now() - created - msg.ms.engine;
        resolve({ pw, backend: msg.backend, engine: msg.engine, fallback: msg.fallback, ms: { thread, engine: msg.ms.engine } });
      } else if (msg.type === 'closed') {
        pw.closed?.(msg.liveInterpreters);
      } else if (msg.type === 'failed') {
        void worker.terminate();
        reject(new StudioError(msg.error.code as StudioErrorCode, msg.error.message, msg.error.fix));
      } else if (msg.type === 'result') {
        if (pw.stats) {
          pw.stats.decodeMs += msg.ms.decode;
          pw.stats.inferMs += msg.ms.infer;
        }
        const done = pw.pending.get(msg.taskId);
        pw.pending.delete(msg.taskId);
        done?.(msg.results);
      }
    });
    worker.on('error', (e) => {
      const error = new StudioError('INTERNAL', `A feature worker stopped: ${e.message}`, 'Try again; restart the studio if it keeps happening.');
      if (!ready) reject(error);
      pw.dead = true;
      // Fail whatever it still owed, so a run never hangs on a dead worker.
      for (const done of pw.pending.values()) done([]);
      pw.pending.clear();
    });
  });
}
