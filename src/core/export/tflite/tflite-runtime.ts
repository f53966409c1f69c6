import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import type * as TfliteModule from '@tensorflow/tfjs-tflite';
import { liveInterpreters, tfliteWasmDir } from './tflite-interpreter';

/**
 * TensorFlow Lite's own runtime (the WebAssembly build in @tensorflow/tfjs-tflite) running in plain
 * Node, so the parity gate checks exported files with the interpreter phones use, without a browser.
 *
 * That build only knows browsers and web workers: it fetches its Emscripten loader with
 * `importScripts` (as in a worker) and the .wasm with XHR. We play the worker for the moment of
 * loading: a temporary `self`/`location`/`importScripts` that evaluates the loader from disk and
 * hands Emscripten the .wasm bytes directly (`wasmBinary`), then remove them again. The threaded
 * builds need Web Workers, which Node lacks, so the single-threaded build of the same variant
 * (SIMD when available) is loaded instead.
 *
 * The package starts loading its module as soon as it is imported (resolving the loader's URL
 * against `location`), so it is imported here, dynamically, only once the stand-ins are in place;
 * nothing else in the studio may import it.
 */
const FACTORY = 'tflite_web_api_ModuleFactory';

export type TFLiteModel = TfliteModule.TFLiteModel;

let ready: Promise<typeof TfliteModule> | null = null;

type Globals = Record<string, unknown>;

/** Models loaded through the package and not yet disposed in this thread. */
let live = 0;

/** Interpreters loaded and not yet disposed in this thread, by either loader (tests check none is left behind). */
export function liveTfliteModels(): number {
  return live + liveInterpreters();
}

/**
 * Loads the runtime once; later calls share it. `wasmDir` is where the runtime's loader and .wasm
 * files are (the package's own folder unless a caller, such as a test of the fallback, says otherwise).
 */
export function ensureTfliteRuntime(wasmDir = tfliteWasmDir()): Promise<typeof TfliteModule> {
  ready ??= loadRuntime(wasmDir).catch((e: unknown) => {
    ready = null;
    throw e;
  });
  return ready;
}

async function loadRuntime(wasmDir: string): Promise<typeof TfliteModule> {
  const g = globalThis as unknown as Globals;
  const saved = { self: g.self, location: g.location, importScripts: g.importScripts };
  const hadSelf = 'self' in g;
  g.self = g;
  g.location = { href: pathToFileURL(wasmDir + path.sep).href, origin: 'file://' };
  g.importScripts = (url: string) => {
    const file = fileURLToPath(url).replace(/_threaded\.js$/, '.js');
    vm.runInThisContext(fs.readFileSync(file, 'utf8'), { filename: file });
    const wasmBinary = fs.readFileSync(file.replace(/\.js$/, '.wasm'));
    const factory = g[FACTORY] as (opts: Record<string, unknown>) => Promise<unknown>;
    g[FACTORY] = (opts: Record<string, unknown>) => {
      // From here on Emscripten must not think it runs in a worker.
      delete g.importScripts;
      // Keep the runtime's log lines ("INFO: Created TensorFlow Lite XNNPACK delegate") off the console.
      const quiet = (text: string) => {
        if (!/^INFO:/.test(text)) console.warn(`[tflite] ${text}`);
      };
      return factory({ ...opts, wasmBinary, print: quiet, printErr: quiet });
    };
  };
  try {
    const mod = (await import('@tensorflow/tfjs-tflite')) as typeof TfliteModule & { default?: typeof TfliteModule };
    // Node hands a CommonJS package's exports as `default` (and usually as named exports too).
    const tflite = mod.default ?? mod;
    // The import started loading the module (wasm path "" = relative to `location`); loading a
    // model waits for that same load. An 8-byte buffer then fails fast, which is expected.
    await tflite.loadTFLiteModel(new ArrayBuffer(8), { numThreads: 1 }).catch(() => undefined);
    if (typeof g[FACTORY] !== 'function') throw new Error('the TensorFlow Lite runtime did not load');
    return tflite;
  } finally {
    if (hadSelf) g.self = saved.self;
    else delete g.self;
    if (saved.location === undefined) delete g.location;
    else g.location = saved.location;
    if (saved.importScripts === undefined) delete g.importScripts;
  }
}

/** Loads a .tflite into TensorFlow Lite's interpreter (single thread: the core shares two cores). */
export async function loadTfliteModel(bytes: Uint8Array, wasmDir?: string): Promise<TfliteModule.TFLiteModel> {
  const tflite = await ensureTfliteRuntime(wasmDir);
  const copy = bytes.slice().buffer;
  const model = await tflite.loadTFLiteModel(copy, { numThreads: 1 });
  live++;
  return model;
}

/**
 * Frees the interpreter and the model's copy in the runtime's WebAssembly memory. The package's
 * TFLiteModel has no dispose of its own; its runner (a private field) has `cleanUp`.
 */
export function disposeTfliteModel(model: TfliteModule.TFLiteModel): void {
  const runner = (model as unknown as { modelRunner?: { cleanUp(): void } }).modelRunner;
  if (!runner) return;
  runner.cleanUp();
  // Twice-disposed models count once: the runner is dropped after its clean-up.
  (model as unknown as { modelRunner?: unknown }).modelRunner = undefined;
  live--;
}

/** One tensor of a raw run: a view of the interpreter's own memory, valid until its next run. */
export interface RawTensor {
  name: string;
  dataType: string;
  data: ArrayLike<number>;
}

interface RunnerTensor {
  name: string;
  dataType: string;
  data(): Int8Array | Uint8Array | Int32Array | Float32Array;
}

interface Runner {
  getInputs(): RunnerTensor[];
  getOutputs(): RunnerTensor[];
  infer(): boolean;
}

/**
 * Runs one input straight through the interpreter's buffers, in its own type (uint8 pixels for a
 * full-integer model, normalised floats otherwise), and hands back every output as it is (int8
 * stays int8). The package's `predict` goes through TF.js tensors, which have no int8 or uint8.
 */
export function runTfliteRaw(model: TfliteModule.TFLiteModel, input: ArrayLike<number>): RawTensor[] {
  const runner = (model as unknown as { modelRunner?: Runner }).modelRunner;
  if (!runner) throw new Error('the TensorFlow Lite model was disposed');
  const target = runner.getInputs()[0].data();
  if (target.length !== input.length) throw new Error(`input of ${input.length} values for a tensor of ${target.length}`);
  target.set(input);
  if (!runner.infer()) throw new Error('TensorFlow Lite failed to run the model');
  return runner.getOutputs().map((t) => ({ name: t.name, dataType: t.dataType, data: t.data() }));
}

export interface TaskClass {
  className: string;
  probability: number;
}

/** An RGBA image as the Task Library reads it (the shape of a canvas's ImageData). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/**
 * TensorFlow Lite's Task Library ImageClassifier: reads the model's metadata (normalisation, label
 * files, locale) exactly as Android apps do, so it proves the metadata is where apps look.
 * `locale` picks the label file whose display names are returned ("en" is the Task Library's
 * default); the package's wrapper cannot set it, so the client underneath is used directly.
 */
export async function classifyWithTaskLibrary(
  bytes: Uint8Array,
  image: RgbaImage,
  options: { maxResults?: number; locale?: string } = {},
): Promise<TaskClass[]> {
  await ensureTfliteRuntime();
  const web = (globalThis as unknown as { tfweb?: TfWeb }).tfweb;
  if (!web) throw new Error('the TensorFlow Lite Task Library client is missing');
  const opts = new web.ImageClassifierOptions();
  opts.setMaxResults(options.maxResults ?? 3);
  opts.setNumThreads(1);
  opts.setDisplayNamesLocale(options.locale ?? 'en');
  const classifier = await web.ImageClassifier.create(bytes.slice().buffer, opts);
  try {
    // The client reads anything with getContext('2d').getImageData(), like a canvas.
    const canvasLike = {
      width: image.width,
      height: image.height,
      getContext: () => ({ getImageData: () => ({ data: image.data, width: image.width, height: image.height }) }),
    };
    const result = classifier.classify(canvasLike);
    const head = result?.getClassificationsList()[0];
    return (head?.getClassesList() ?? []).map((c) => ({
      className: c.getDisplayName() || c.getClassName(),
      probability: c.getScore(),
    }));
  } finally {
    classifier.cleanUp();
  }
}

/** The slice of the Task Library's web client (global `tfweb`) used above. */
interface TfWeb {
  ImageClassifierOptions: new () => {
    setMaxResults(n: number): void;
    setNumThreads(n: number): void;
    setDisplayNamesLocale(locale: string): void;
  };
  ImageClassifier: {
    create(
      model: ArrayBuffer,
      options: unknown,
    ): Promise<{
      classify(pixels: unknown):
        | {
            getClassificationsList(): {
              getClassesList(): { getDisplayName(): string; getClassName(): string; getScore(): number }[];
            }[];
          }
        | undefined;
      cleanUp(): void;
    }>;
  };
}
