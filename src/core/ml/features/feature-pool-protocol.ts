import type { BaseModelManifestEntry, FeatureEngineName, MlBackendName } from '../../../shared/api/training';
import type { TfliteWasm } from '../../export/tflite/tflite-interpreter';
import type { Variant } from './preprocess';

/** Messages between the feature pool (main thread) and its workers. */
export interface FeatureWorkerData {
  modelDir: string;
  entry: BaseModelManifestEntry;
  /**
   * The feature network as .tflite (feature-tflite.ts): run it with TensorFlow Lite, else fall back
   * to TF.js. `wasm`: the runtime compiled once by the pool, so workers only instantiate it.
   */
  tflite?: { bytes: Uint8Array; runtimeDir?: string; wasm?: TfliteWasm };
}

export interface FeatureTaskItem {
  /** Caller's key for the photo (e.g. its sha256). */
  key: string;
  /** The photo file's bytes (transferred, not copied), when the worker decodes. */
  bytes?: ArrayBuffer;
  /** Already decoded inputSize^2 x 3 pixels per variant, when the main thread decodes. */
  pixels?: Partial<Record<Variant, ArrayBuffer>>;
  variants: Variant[];
}

export type ToWorker = { type: 'task'; taskId: number; items: FeatureTaskItem[] } | { type: 'close' };

/** Why the TensorFlow Lite engine was not used, when a worker fell back to TF.js. */
export type EngineFallback = string | null;

export interface FeatureItemResult {
  key: string;
  features?: Partial<Record<Variant, Float32Array>>;
  error?: { code: string; message: string };
}

export type FromWorker =
  | {
      type: 'ready';
      backend: MlBackendName;
      simd: boolean;
      engine: FeatureEngineName;
      fallback: EngineFallback;
      /** Start-up: how long the engine took to load and warm up once the worker's code ran. */
      ms: { engine: number };
    }
  /** Answer to 'close': interpreters still loaded after disposing (0 unless something leaked). */
  | { type: 'closed'; liveInterpreters: number }
  | { type: 'failed'; error: { code: string; message: string; fix: string } }
  | { type: 'result'; taskId: number; results: FeatureItemResult[]; ms: { decode: number; infer: number } };
