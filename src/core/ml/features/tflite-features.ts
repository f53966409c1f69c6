import type { Normalization } from '../../../shared/api/training';
import { disposeTfliteModel, loadTfliteModel, type TFLiteModel } from '../../export/tflite/tflite-runtime';

/** The runner under the package's TFLiteModel: direct access to the interpreter's tensors. */
interface Runner {
  getInputs(): { data(): ArrayLike<number> & { set(a: ArrayLike<number>): void; length: number } }[];
  getOutputs(): { data(): Float32Array }[];
  infer(): boolean;
}

/**
 * Feature extraction through TensorFlow Lite's runtime (WebAssembly, XNNPACK, one thread) with the
 * base network written as a feature .tflite (feature-tflite.ts). Pixels are normalised here and
 * written straight into the interpreter's input tensor, one photo at a time (the file has batch 1),
 * so no TF.js tensors are made. One interpreter per instance; `dispose` frees it.
 */
export class TfliteFeatures {
  private model: TFLiteModel | null;

  private constructor(
    model: TFLiteModel,
    private readonly inputSize: number,
    private readonly normalization: Normalization,
  ) {
    this.model = model;
  }

  static async load(bytes: Uint8Array, inputSize: number, normalization: Normalization, runtimeDir?: string): Promise<TfliteFeatures> {
    const model = await loadTfliteModel(bytes, runtimeDir);
    return new TfliteFeatures(model, inputSize, normalization);
  }

  /** One Float32Array per photo; `pixels` are inputSize^2 x 3 bytes each. */
  extract(pixels: readonly Uint8Array[]): Float32Array[] {
    if (!this.model) throw new Error('the TensorFlow Lite feature engine is closed');
    const runner = (this.model as unknown as { modelRunner: Runner }).modelRunner;
    const per = this.inputSize * this.inputSize * 3;
    const { mean, std } = this.normalization;
    const scratch = new Float32Array(per);
    return pixels.map((px) => {
      for (let i = 0; i < per; i += 3) {
        scratch[i] = (px[i] - mean[0]) / std[0];
        scratch[i + 1] = (px[i + 1] - mean[1]) / std[1];
        scratch[i + 2] = (px[i + 2] - mean[2]) / std[2];
      }
      // Views into the runtime's memory are taken afresh each time: memory growth detaches old ones.
      runner.getInputs()[0].data().set(scratch);
      if (!runner.infer()) throw new Error('TensorFlow Lite could not run the feature network');
      return runner.getOutputs()[0].data().slice();
    });
  }

  dispose(): void {
    if (this.model) disposeTfliteModel(this.model);
    this.model = null;
  }
}
