import type { Normalization } from '../../../shared/api/training';
import { TfliteInterpreter, type TfliteWasm } from '../../export/tflite/tflite-interpreter';

/** Where the runtime comes from: its files' folder (default: the package's) and/or an already compiled module. */
export interface TfliteRuntimeSource {
  wasmDir?: string;
  wasm?: TfliteWasm;
}

/**
 * Feature extraction through TensorFlow Lite's runtime (WebAssembly, XNNPACK, one thread) with the
 * base network written as a feature .tflite (feature-tflite.ts). Pixels are normalised here and
 * written straight into the interpreter's input tensor, one photo at a time (the file has batch 1),
 * so no TF.js tensors are made (TF.js is not even loaded). One interpreter per instance; `dispose` frees it.
 */
export class TfliteFeatures {
  private constructor(
    private readonly interpreter: TfliteInterpreter,
    private readonly inputSize: number,
    private readonly normalization: Normalization,
  ) {}

  static async load(bytes: Uint8Array, inputSize: number, normalization: Normalization, runtime: TfliteRuntimeSource = {}): Promise<TfliteFeatures> {
    return new TfliteFeatures(await TfliteInterpreter.create(bytes, runtime), inputSize, normalization);
  }

  /** One Float32Array per photo; `pixels` are inputSize^2 x 3 bytes each. */
  extract(pixels: readonly Uint8Array[]): Float32Array[] {
    const per = this.inputSize * this.inputSize * 3;
    const { mean, std } = this.normalization;
    const scratch = new Float32Array(per);
    return pixels.map((px) => {
      for (let i = 0; i < per; i += 3) {
        scratch[i] = (px[i] - mean[0]) / std[0];
        scratch[i + 1] = (px[i + 1] - mean[1]) / std[1];
        scratch[i + 2] = (px[i + 2] - mean[2]) / std[2];
      }
      return this.interpreter.run(scratch);
    });
  }

  dispose(): void {
    this.interpreter.dispose();
  }
}
