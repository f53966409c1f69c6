/**
 * Arithmetic of the feature network and of this machine, for the "achieved GFLOP/s against peak"
 * line: FLOPs counted from the network's layers (a multiply-add is 2), peak from the CPU's cores,
 * clock and vector units as Linux reports them.
 */
import fs from 'node:fs';
import os from 'node:os';
import type * as tf from '@tensorflow/tfjs';
import type { BaseModelManifestEntry } from '../src/shared/api/training';
import { loadBaseModel, truncateAt } from '../src/core/ml/features/feature-extractor';

/** GFLOP for one photo through the base network up to its feature layer (pooling included). */
export async function featureGflopPerPhoto(dir: string, entry: BaseModelManifestEntry): Promise<number> {
  const base = await loadBaseModel(dir);
  try {
    const net = truncateAt(base, entry.featureLayer);
    let flops = 0;
    for (const layer of net.layers) {
      const out = layer.outputShape as number[];
      const [h, w, c] = out.slice(1) as number[];
      const kernel = (layer.getWeights()[0] as tf.Tensor | undefined)?.shape ?? [];
      if (layer.getClassName() === 'Conv2D') flops += 2 * h * w * c * kernel[0] * kernel[1] * kernel[2];
      else if (layer.getClassName() === 'DepthwiseConv2D') flops += 2 * h * w * c * kernel[0] * kernel[1];
      else if (layer.getClassName() === 'BatchNormalization' || layer.getClassName() === 'ReLU') flops += 2 * h * w * c;
    }
    const last = net.outputs[0].shape as number[];
    flops += (last[1] ?? 1) * (last[2] ?? 1) * (last[3] ?? 1);
    return flops / 1e9;
  } finally {
    base.dispose();
  }
}

/**
 * Peak single-precision GFLOP/s of the cores this process may use: cores x clock x FLOPs a core
 * retires per cycle (two FMA pipes of 8 lanes with AVX2+FMA = 32; 16 without FMA; 64 with AVX-512).
 * WebAssembly SIMD is 4 lanes without FMA, so its own ceiling (`wasmSimd`) is a quarter of that.
 */
export function cpuPeakGflops(): { gflops: number; wasmSimdGflops: number; basis: string } {
  const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const flags = /^flags\s*:\s*(.*)$/m.exec(info)?.[1].split(' ') ?? [];
  const mhz = Number(/^cpu MHz\s*:\s*([\d.]+)/m.exec(info)?.[1] ?? 0) || os.cpus()[0]?.speed || 0;
  const perCycle = flags.includes('avx512f') ? 64 : flags.includes('avx2') && flags.includes('fma') ? 32 : 16;
  const cores = os.availableParallelism();
  const gflops = (cores * mhz * perCycle) / 1000;
  return {
    gflops: Math.round(gflops),
    wasmSimdGflops: Math.round(gflops / (perCycle / 8)),
    basis: `${cores} cores x ${(mhz / 1000).toFixed(2)} GHz x ${perCycle} FLOP/cycle (wasm SIMD: 8)`,
  };
}
