import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * TensorFlow Lite's interpreter straight from its WebAssembly build (the one @tensorflow/tfjs-tflite
 * ships), without the package's JavaScript: the package pulls in TF.js core and a 1.3 MB Task
 * Library client, which cost each feature worker about 2 s of start-up on a loaded 2-core machine,
 * for a model runner the feature engine uses only to fill an input, infer and read an output.
 * Here only the runtime's 80 KB Emscripten loader is evaluated, and the .wasm can be compiled once
 * (`compileTfliteWasm`) and handed to every worker thread, which then only instantiate it.
 *
 * The runner is the same C++ TFLiteWebModelRunner (XNNPACK, single-threaded build) the package
 * wraps; tflite-runtime.ts keeps the package for export checks and the Task Library.
 */
const require = createRequire(import.meta.url);
const PACKAGE_WASM_DIR = path.join(path.dirname(require.resolve('@tensorflow/tfjs-tflite/package.json')), 'wasm');
const FACTORY = 'tflite_web_api_ModuleFactory';
/** The single-threaded builds, SIMD first (Node 20 and every current browser engine have it). */
const BUILDS = ['tflite_web_api_cc_simd', 'tflite_web_api_cc'] as const;

/** A compiled WebAssembly module (opaque here). */
export type WasmModule = object & { readonly __compiledWasm?: never };
/** The two WebAssembly calls used here (the Node type set this project builds with declares none). */
const wasmApi = (
  globalThis as unknown as {
    WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule>; instantiate(module: WasmModule, imports: object): Promise<object> };
  }
).WebAssembly;

/** The runtime's files: the package's own folder unless a caller (a test of the fallback) says otherwise. */
export function tfliteWasmDir(dir?: string): string {
  return dir ?? PACKAGE_WASM_DIR;
}

/** A compiled runtime, which can be posted to worker threads, and the build it came from. */
export interface TfliteWasm {
  module: WasmModule;
  build: (typeof BUILDS)[number];
}

const compiled = new Map<string, Promise<TfliteWasm>>();

/** Compiles the runtime's .wasm once per folder in this thread (SIMD build, else the plain one). */
export function compileTfliteWasm(dir?: string): Promise<TfliteWasm> {
  const wasmDir = tfliteWasmDir(dir);
  let pending = compiled.get(wasmDir);
  if (!pending) {
    pending = (async () => {
      let last: unknown = null;
      for (const build of BUILDS) {
        try {
          const bytes = await fs.promises.readFile(path.join(wasmDir, `${build}.wasm`));
          return { module: await wasmApi.compile(bytes), build };
        } catch (e) {
          last = e;
        }
      }
      throw last instanceof Error ? last : new Error('the TensorFlow Lite runtime could not be compiled');
    })();
    compiled.set(wasmDir, pending);
    pending.catch(() => compiled.delete(wasmDir));
  }
  return pending;
}

/** The slice of the Emscripten module (embind) used here. */
interface TensorInfo {
  data(): Float32Array;
  delete(): void;
}
interface CppVector {
  size(): number;
  get(i: number): TensorInfo;
  delete(): void;
}
interface CppRunner {
  GetInputs(): CppVector;
  GetOutputs(): CppVector;
  Infer(): boolean;
  delete(): void;
}
interface TfliteModule {
  HEAPU8: Uint8Array;
  _malloc(n: number): number;
  _free(ptr: number): void;
  TFLiteWebModelRunner: {
    CreateFromBufferAndOptions(
      ptr: number,
      size: number,
      options: { numThreads: number; enableProfiling: boolean; maxProfilingBufferEntries: number },
    ): { ok(): boolean; errorMessage(): string; value(): CppRunner };
  };
}

const instances = new Map<WasmModule, Promise<TfliteModule>>();
let live = 0;

/** Interpreters made here and not yet disposed in this thread (tests check none is left behind). */
export function liveInterpreters(): number {
  return live;
}

type Factory = (opts: Record<string, unknown>) => Promise<TfliteModule>;

/** One instance of the runtime per compiled module in this thread; interpreters share its memory. */
function instantiate(wasm: TfliteWasm, dir: string): Promise<TfliteModule> {
  let pending = instances.get(wasm.module);
  if (!pending) {
    pending = (async () => {
      const file = path.join(dir, `${wasm.build}.js`);
      // The loader only declares its factory (a browser build: no Node branch, nothing fetched when
      // the module is handed over through instantiateWasm). Inside a function, so the global the
      // package's own loader sets (tflite-runtime.ts) is left alone.
      const code = await fs.promises.readFile(file, 'utf8');
      const factory = vm.runInThisContext(`(function () {\n${code}\n;return ${FACTORY};\n})()`, { filename: file }) as Factory;
      // Keep the runtime's log lines ("INFO: Created TensorFlow Lite XNNPACK delegate") off the console.
      const quiet = (text: string) => {
        if (!/^INFO:/.test(text)) console.warn(`[tflite] ${text}`);
      };
      // A module that does not instantiate would leave the factory waiting forever: fail instead.
      let failed: (e: unknown) => void = () => undefined;
      const failure = new Promise<never>((_, reject) => (failed = reject));
      return Promise.race([
        factory({
          instantiateWasm(imports: object, receive: (instance: object, module: WasmModule) => void) {
            wasmApi.instantiate(wasm.module, imports).then((instance) => receive(instance, wasm.module), failed);
            return {};
          },
          print: quiet,
          printErr: quiet,
        }),
        failure,
      ]);
    })();
    instances.set(wasm.module, pending);
    pending.catch(() => instances.delete(wasm.module));
  }
  return pending;
}

/**
 * One TensorFlow Lite interpreter (one thread) for a model with one float input and one float
 * output, as the feature network has. `dispose` frees it and its copy of the model.
 */
export class TfliteInterpreter {
  private runner: CppRunner | null;

  private constructor(
    private readonly mod: TfliteModule,
    runner: CppRunner,
    private readonly modelPtr: number,
    private readonly input: TensorInfo,
    private readonly output: TensorInfo,
  ) {
    this.runner = runner;
  }

  /** Loads `bytes`; `wasm` is a module compiled by `compileTfliteWasm` (here or in another thread). */
  static async create(bytes: Uint8Array, options: { wasm?: TfliteWasm; wasmDir?: string } = {}): Promise<TfliteInterpreter> {
    const dir = tfliteWasmDir(options.wasmDir);
    const mod = await instantiate(options.wasm ?? (await compileTfliteWasm(dir)), dir);
    // The interpreter reads the model in place: its copy stays allocated until dispose.
    const ptr = mod._malloc(bytes.length);
    mod.HEAPU8.set(bytes, ptr);
    const made = mod.TFLiteWebModelRunner.CreateFromBufferAndOptions(ptr, bytes.length, {
      numThreads: 1,
      enableProfiling: false,
      maxProfilingBufferEntries: 1024,
    });
    if (!made.ok()) {
      mod._free(ptr);
      throw new Error(`TensorFlow Lite could not load the model: ${made.errorMessage()}`);
    }
    const runner = made.value();
    const first = (v: CppVector) => {
      try {
        return v.get(0);
      } finally {
        v.delete();
      }
    };
    live++;
    return new TfliteInterpreter(mod, runner, ptr, first(runner.GetInputs()), first(runner.GetOutputs()));
  }

  /** Runs the model on `input` (the input tensor's values) and returns a copy of the output. */
  run(input: Float32Array): Float32Array {
    if (!this.runner) throw new Error('the TensorFlow Lite interpreter is closed');
    // Views into the runtime's memory are taken afresh each time: memory growth detaches old ones.
    this.input.data().set(input);
    if (!this.runner.Infer()) throw new Error('TensorFlow Lite could not run the model');
    return this.output.data().slice();
  }

  dispose(): void {
    if (!this.runner) return;
    this.input.delete();
    this.output.delete();
    this.runner.delete();
    this.mod._free(this.modelPtr);
    this.runner = null;
    live--;
  }
}
