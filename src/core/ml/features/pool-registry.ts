import type { FeatureEngineName, MlBackendName } from '../../../shared/api/training';
import { StudioError } from '../../../shared/errors';
import { FeaturePool, defaultPoolSize } from './feature-pool';
import { buildFeatureTflite, ensureFeatureTflite } from './feature-tflite';
import type { ReadyBaseModel } from '../base-models/base-model-service';
import { InProcessFeatures } from './in-process-features';

/** What feature jobs run on: the worker pool, or this thread when workers cannot start. */
export type FeatureRunner = Pick<FeaturePool, 'run' | 'close' | 'isClosed' | 'size' | 'backend' | 'engine'>;

/**
 * One feature pool per base model folder, shared by every job of this process, so the workers'
 * start-up (TF.js, wasm, loading the network: about a second) is paid once rather than per job.
 * Idle pools close themselves after a minute.
 */
const pools = new Map<string, Promise<FeatureRunner>>();
/** The backend the feature runner that started last computes with; null until one has started. */
let lastBackend: MlBackendName | null = null;
let lastEngine: FeatureEngineName | null = null;
let wanted: FeatureEngineName | 'auto' = 'auto';
let thisThread = false;

/**
 * Which engine pools started from now on use: 'auto' (TensorFlow Lite, else TF.js) is what the
 * studio always uses; benchmarks set 'tfjs' to measure the engine TensorFlow Lite replaced, and
 * `onThisThread` to measure the path before the pool too (TF.js on the core's thread, the fallback
 * when workers cannot start).
 */
export function useFeatureEngine(engine: FeatureEngineName | 'auto', opts: { onThisThread?: boolean } = {}): void {
  wanted = engine;
  thisThread = engine === 'tfjs' && opts.onThisThread === true;
}

/** What the feature workers really run on (they pick for themselves; a fallback runs on this thread). */
export function featureRunnerBackend(): MlBackendName | null {
  return lastBackend;
}

/** The engine the feature runner that started last computes with; null until one has started. */
export function featureRunnerEngine(): FeatureEngineName | null {
  return lastEngine;
}

/**
 * The base network as a feature .tflite (cached in the data dir), or null when it cannot be written
 * (a layer the writer does not know, in an imported base model): TF.js then computes features.
 */
async function featureTflite(model: ReadyBaseModel): Promise<Uint8Array | null> {
  try {
    return model.dataDir ? await ensureFeatureTflite(model.dir, model.entry, model.dataDir) : await buildFeatureTflite(model.dir, model.entry);
  } catch (e) {
    // A model TF.js cannot load either is reported by the workers, in the teacher's terms.
    console.warn(`[ml] no TensorFlow Lite feature network (${e instanceof Error ? e.message : String(e)}); computing features with TF.js`);
    return null;
  }
}

export function poolSize(): number {
  const env = Number(process.env.MAGRITTE_FEATURE_WORKERS);
  return Number.isInteger(env) && env > 0 ? env : defaultPoolSize();
}

async function startRunner(model: ReadyBaseModel): Promise<FeatureRunner> {
  if (thisThread) return InProcessFeatures.start(model);
  try {
    const bytes = wanted === 'tfjs' ? null : await featureTflite(model);
    const pool = await FeaturePool.start(model.dir, model.entry, poolSize(), bytes ? { bytes } : undefined);
    if (pool.fallbackReason && bytes) console.warn(`[ml] TensorFlow Lite could not run (${pool.fallbackReason}); computing features with TF.js`);
    return pool;
  } catch (e) {
    // A problem with the model itself is the teacher's to fix; a thread that cannot start is ours.
    if (e instanceof StudioError && e.code !== 'INTERNAL') throw e;
    console.warn(`[ml] feature workers could not start (${e instanceof Error ? e.message : String(e)}); computing features on the core's thread`);
    return InProcessFeatures.start(model);
  }
}

export async function getFeaturePool(model: ReadyBaseModel): Promise<FeatureRunner> {
  const key = `${model.entry.id}\u0000${model.dir}`;
  const existing = pools.get(key);
  if (existing) {
    const pool = await existing.catch(() => null);
    if (pool && !pool.isClosed) return pool;
    // Broken by a crashed worker: stop what is left of it before starting afresh.
    void pool?.close();
  }
  const starting = startRunner(model);
  pools.set(key, starting);
  starting.then(
    (runner) => {
      lastBackend = runner.backend;
      lastEngine = runner.engine;
    },
    () => undefined,
  );
  starting.catch(() => pools.delete(key));
  return starting;
}

/** Stops every pool's workers (closing the core, end of a benchmark). */
export async function closeFeaturePools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map(async (p) => (await p.catch(() => null))?.close()));
}
