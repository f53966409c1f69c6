/**
 * Runs inside a worker thread of the feature pool: its own copy of the base network, run by
 * TensorFlow Lite (XNNPACK, one thread) when the pool hands it the feature .tflite and the runtime
 * loads, else by TF.js (wasm backend). Answers each task with one feature vector per photo and
 * variant, or a per-photo error, so one bad file never stops the others.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BackendInfo } from '../backend';
import type { FeatureEngineName } from '../../../shared/api/training';
import { toErrorPayload } from '../../../shared/errors';
import { liveTfliteModels } from '../../export/tflite/tflite-runtime';
import type { FeatureExtractor } from './feature-extractor';
import type { FeatureItemResult, FeatureWorkerData, FromWorker, ToWorker } from './feature-pool-protocol';
import type { Variant } from './preprocess';
import { TfliteFeatures } from './tflite-features';

/** When this module started running (after Node and, from sources, the TypeScript loader). */
const CODE_STARTED = performance.now();

const port = parentPort;
if (!port) throw new Error('feature-worker must run in a worker thread');
const data = workerData as FeatureWorkerData;

function send(msg: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(msg, transfer);
}

type Engine = Pick<FeatureExtractor, 'extract' | 'dispose'>;

/** TensorFlow Lite when it loads and runs; null (with the reason) otherwise. */
async function tryTflite(blank: Uint8Array): Promise<{ engine: Engine | null; fallback: string | null }> {
  if (!data.tflite) return { engine: null, fallback: 'no feature network for TensorFlow Lite' };
  let engine: TfliteFeatures | null = null;
  try {
    engine = await TfliteFeatures.load(data.tflite.bytes, data.entry.inputSize, data.entry.normalization, {
      wasmDir: data.tflite.runtimeDir,
      wasm: data.tflite.wasm,
    });
    // Warm up: the first call sets up XNNPACK; keep that out of the measured rate.
    engine.extract([blank]);
    return { engine, fallback: null };
  } catch (e) {
    engine?.dispose();
    return { engine: null, fallback: e instanceof Error ? e.message : String(e) };
  }
}

async function main(): Promise<void> {
  let extractor: Engine;
  let engineName: FeatureEngineName;
  let fallback: string | null;
  let backend: BackendInfo;
  try {
    const blank = new Uint8Array(data.entry.inputSize * data.entry.inputSize * 3);
    const tflite = await tryTflite(blank);
    fallback = tflite.fallback;
    if (tflite.engine) {
      extractor = tflite.engine;
      engineName = 'tflite';
      // TensorFlow Lite's WebAssembly build (its SIMD variant where WebAssembly has SIMD, as in Node 20).
      // TF.js's layers and wasm backend are never loaded then: about a second less per worker start.
      backend = { name: 'wasm', simd: true };
    } else {
      const [{ initBackend }, { FeatureExtractor }] = await Promise.all([import('../backend'), import('./feature-extractor')]);
      backend = await initBackend();
      const tfjs = await FeatureExtractor.load(data.modelDir, data.entry);
      // Warm up: the first call compiles kernels; keep that out of the measured rate.
      tfjs.extract([blank]);
      extractor = tfjs;
      engineName = 'tfjs';
    }
  } catch (e) {
    const p = toErrorPayload(e);
    send({ type: 'failed', error: { code: p.code, message: p.message, fix: p.fix } });
    return;
  }
  send({
    type: 'ready',
    backend: backend.name,
    simd: backend.simd,
    engine: engineName,
    fallback,
    ms: { engine: performance.now() - CODE_STARTED },
  });

  const handle = async (msg: ToWorker): Promise<void> => {
    if (msg.type === 'close') {
      extractor.dispose();
      send({ type: 'closed', liveInterpreters: liveTfliteModels() });
      port!.close();
      return;
    }
    const t0 = performance.now();
    const results: FeatureItemResult[] = [];
    const pixels: Uint8Array[] = [];
    const slots: { result: FeatureItemResult; variant: Variant }[] = [];
    for (const item of msg.items) {
      const result: FeatureItemResult = { key: item.key };
      results.push(result);
      try {
        const views = item.pixels
          ? new Map(Object.entries(item.pixels).map(([v, ab]) => [v as Variant, new Uint8Array(ab)]))
          : // sharp is loaded only when this thread decodes (not the default): it costs every worker's start-up.
            await (await import('./preprocess')).preparePixels(Buffer.from(item.bytes ?? new ArrayBuffer(0)), data.entry.inputSize, item.variants);
        for (const [variant, px] of views) {
          pixels.push(px);
          slots.push({ result, variant });
        }
      } catch (e) {
        const p = toErrorPayload(e);
        result.error = { code: p.code, message: p.message };
      }
    }
    const t1 = performance.now();
    const transfer: ArrayBuffer[] = [];
    if (pixels.length > 0) {
      const vectors = extractor.extract(pixels);
      vectors.forEach((v, i) => {
        const { result, variant } = slots[i];
        (result.features ??= {})[variant] = v;
        transfer.push(v.buffer as ArrayBuffer);
      });
    }
    send({ type: 'result', taskId: msg.taskId, results, ms: { decode: t1 - t0, infer: performance.now() - t1 } }, transfer);
  };
  // A failure outside one photo (the model itself) must still answer the task: unanswered, the pool would wait forever.
  port!.on('message', (msg: ToWorker) => {
    handle(msg).catch((e: unknown) => {
      if (msg.type === 'close') return;
      const p = toErrorPayload(e);
      const results = msg.items.map((item): FeatureItemResult => ({ key: item.key, error: { code: p.code, message: p.message } }));
      send({ type: 'result', taskId: msg.taskId, results, ms: { decode: 0, infer: 0 } });
    });
  });
}

void main();
