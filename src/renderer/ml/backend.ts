import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export type WindowBackendName = 'webgl' | 'wasm' | 'cpu';

/** Which TF.js backend the window computes with, and why: shown on the Test screen. */
export interface BackendReport {
  name: WindowBackendName;
  /** "WebGL (Mesa Intel UHD 620)", "WebAssembly with SIMD", "plain JavaScript". */
  label: string;
  /** Why the faster backends were not used, when they were not. */
  note: string | null;
}

let chosen: Promise<BackendReport> | null = null;
let wasmPathsSet = false;

/** Software renderers run WebGL on the CPU, slower than WebAssembly: not worth choosing. */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** "SwiftShader" rather than the whole ANGLE renderer string. */
function softwareName(renderer: string): string {
  return SOFTWARE_GL.exec(renderer)?.[0].replace(/^swiftshader$/i, 'SwiftShader') ?? renderer;
}

function glRenderer(): string | null {
  try {
    const canvas = document.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  } catch {
    return null;
  }
}

async function trySet(name: WindowBackendName): Promise<boolean> {
  try {
    if (name === 'wasm' && !wasmPathsSet) {
      // The app ships the binaries itself (Vite copies them): no CDN, and the CSP allows 'self' only.
      setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmPlain,
        'tfjs-backend-wasm-simd.wasm': wasmSimd,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
      });
      wasmPathsSet = true;
    }
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    return tf.getBackend() === name;
  } catch {
    return false;
  }
}

async function choose(prefer?: WindowBackendName): Promise<BackendReport> {
  const notes: string[] = [];
  if (!prefer || prefer === 'webgl') {
    const renderer = glRenderer();
    if (!renderer) notes.push('this computer offers no WebGL');
    else if (SOFTWARE_GL.test(renderer) && prefer !== 'webgl') notes.push(`WebGL has no graphics card here (${softwareName(renderer)})`);
    else if (await trySet('webgl')) return { name: 'webgl', label: `WebGL (${renderer})`, note: null };
    else notes.push('WebGL did not start');
  }
  if (!prefer || prefer !== 'cpu') {
    if (await trySet('wasm')) {
      const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
      return {
        name: 'wasm',
        label: simd ? 'WebAssembly with SIMD' : 'WebAssembly',
        note: notes.length ? `Running on the processor: ${notes.join('; ')}.` : null,
      };
    }
    notes.push('WebAssembly did not start');
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { name: 'cpu', label: 'plain JavaScript (slow)', note: notes.length ? `${notes.join('; ')}.` : null };
}

/**
 * Picks the window's TF.js backend once: WebGL on a real GPU, else WebAssembly (SIMD when the
 * browser has it), else plain JavaScript. `prefer` forces one (benchmarks compare them); it is only
 * honoured on the first call.
 */
export function selectBackend(prefer?: WindowBackendName): Promise<BackendReport> {
  chosen ??= choose(prefer);
  return chosen;
}
