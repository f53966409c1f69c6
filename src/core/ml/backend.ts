import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { MlBackendName } from '../../shared/api/training';

export interface BackendInfo {
  name: MlBackendName;
  simd: boolean;
}

let chosen: Promise<BackendInfo> | null = null;
let wasmPathsSet = false;

/** The folder holding the wasm binaries, found through Node's resolver so it works from any cwd. */
function wasmDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;
}

/**
 * Picks the backend once per thread: tfjs-node when installed (native TensorFlow), else the wasm
 * backend (SIMD), else the pure-JS cpu backend. MAGRITTE_TF_BACKEND=wasm|cpu|tensorflow forces one
 * (tests and benchmarks compare them).
 */
export async function initBackend(): Promise<BackendInfo> {
  chosen ??= choose(process.env.MAGRITTE_TF_BACKEND as MlBackendName | undefined);
  await chosen;
  // A benchmark or test may have switched backends on purpose since (trySetBackend): report that one.
  const name = tf.getBackend() as MlBackendName;
  return { name, simd: name === 'wasm' ? Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) : false };
}

async function choose(forced?: MlBackendName): Promise<BackendInfo> {
  const order: MlBackendName[] = forced ? [forced] : ['tensorflow', 'wasm', 'cpu'];
  for (const name of order) {
    if (await trySetBackend(name)) {
      const simd = name === 'wasm' ? Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) : false;
      return { name, simd };
    }
  }
  await tf.setBackend('cpu');
  return { name: 'cpu', simd: false };
}

/** Switches this thread's TF.js to `name`; false when that backend cannot run here. */
export async function trySetBackend(name: MlBackendName): Promise<boolean> {
  try {
    if (name === 'tensorflow') {
      if (!tf.findBackend('tensorflow')) {
        // A variable keeps bundlers and tsc from requiring the optional package.
        const nodeBackend = '@tensorflow/tfjs-node';
        await import(/* @vite-ignore */ nodeBackend);
      }
    } else if (name === 'wasm' && !wasmPathsSet) {
      setWasmPaths(wasmDir());
      wasmPathsSet = true;
    }
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    const active = ok && tf.getBackend() === name;
    // A deliberate choice (tests, benchmarks) stands: initBackend must not switch it back.
    if (active) chosen ??= Promise.resolve({ name, simd: false });
    return active;
  } catch {
    return false;
  }
}

export function currentBackend(): MlBackendName {
  return tf.getBackend() as MlBackendName;
}
