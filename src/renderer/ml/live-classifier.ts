import * as tf from '@tensorflow/tfjs';
import type { LiveModel } from '../../shared/api/training';
import { StudioError } from '../../shared/errors';
// Browser-safe on purpose (only TF.js and contract types): the same model the export writes out.
import { buildInferenceModel, normalizePixels, poolLayerName } from '../../core/ml/versions/inference-model';
import { selectBackend, type BackendReport, type WindowBackendName } from './backend';
import { loadBaseModel } from './base-models';
import { decodePhoto, inputPixels, type FrameSource } from './pixels';
import { rankClasses, type RankedClass } from './ranking';
import { SUPPORTED_PREPROCESSING } from './preprocessing-versions';

export interface LoadOptions {
  /**
   * Turns the model's `baseModelUrl` ("/base-models/<id>/model.json") into the URL to fetch.
   * Default: relative to this page's origin, which both studio hosts serve.
   */
  resolveUrl?: (path: string) => string;
  /** Force a backend (benchmarks); normally chosen once for the window. */
  backend?: WindowBackendName;
}

export interface Classification {
  /** The most likely classes, most likely first. */
  top: RankedClass[];
  /** Every class's probability, in `model.labels` order. */
  probabilities: Float32Array;
  /** What the base network saw (the pooled features the head read), for "why this word?". */
  features: Float32Array;
  /** Milliseconds to prepare the pixels, to run the network, and both. */
  prepareMs: number;
  inferMs: number;
  totalMs: number;
}

/** Thrown by a classifier used after `dispose()` (a newer model replaced it): safe to ignore. */
export class ClassifierClosedError extends Error {
  constructor() {
    super('This model was replaced or closed.');
    this.name = 'ClassifierClosedError';
  }
}

function defaultResolve(path: string): string {
  return new URL(path, window.location.href).toString();
}

/**
 * A deck's model running in this window: the base network (loaded once and shared), cut at its
 * feature layer, global average pooling, then the trained head, fed with pixels prepared exactly as
 * the core prepares photos. No React here; the Test screen, the phone page and the benchmark use it.
 */
export class LiveClassifier {
  private disposed = false;

  private constructor(
    readonly model: LiveModel,
    readonly backend: BackendReport,
    private readonly base: tf.LayersModel,
    private readonly net: tf.LayersModel,
    /** The same layers with the pooled features as a second output: no extra weights, one pass. */
    private readonly withFeatures: tf.LayersModel = tf.model({
      inputs: net.inputs,
      outputs: [net.outputs[0], net.getLayer(poolLayerName()).output as tf.SymbolicTensor],
    }),
  ) {}

  static async load(model: LiveModel, options: LoadOptions = {}): Promise<LiveClassifier> {
    if (!SUPPORTED_PREPROCESSING.includes(model.preprocessing.version)) {
      throw new StudioError(
        'MODEL_INVALID',
        'This model was made by a newer studio than this window.',
        'Update the studio (or reload the page), then try again.',
      );
    }
    const backend = await selectBackend(options.backend);
    let base: tf.LayersModel;
    try {
      base = await loadBaseModel((options.resolveUrl ?? defaultResolve)(model.baseModelUrl));
    } catch (e) {
      throw new StudioError(
        'MODEL_OFFLINE',
        `The base network (${model.baseModelId}) could not be loaded into this window: ${e instanceof Error ? e.message : String(e)}.`,
        'Check that the studio is still running, then reload this screen.',
      );
    }
    const net = buildInferenceModel(base, model.featureLayer, model.head);
    const classifier = new LiveClassifier(model, backend, base, net);
    // The first run compiles shaders / allocates: do it now rather than on the first frame.
    await classifier.classifyPixels(new Uint8Array(model.inputSize * model.inputSize * 3));
    return classifier;
  }

  /** Probabilities for prepared input pixels (inputSize x inputSize x 3 bytes, RGB). */
  async predict(rgb: Uint8Array): Promise<Float32Array> {
    return (await this.run(rgb)).probabilities;
  }

  /** Probabilities and pooled features for prepared input pixels, from one pass of the network. */
  async run(rgb: Uint8Array): Promise<{ probabilities: Float32Array; features: Float32Array }> {
    if (this.disposed) throw new ClassifierClosedError();
    const size = this.model.inputSize;
    const [probs, features] = tf.tidy(() => {
      const x = normalizePixels(tf.tensor4d(rgb, [1, size, size, 3], 'int32'), this.model.normalization);
      return this.withFeatures.predict(x) as tf.Tensor[];
    });
    try {
      return { probabilities: (await probs.data()) as Float32Array, features: (await features.data()) as Float32Array };
    } finally {
      probs.dispose();
      features.dispose();
    }
  }

  /** Classifies prepared pixels: the top `k` classes with their words, and the time it took. */
  async classifyPixels(rgb: Uint8Array, k = 3, prepareMs = 0): Promise<Classification> {
    const t0 = performance.now();
    const { probabilities, features } = await this.run(rgb);
    const inferMs = performance.now() - t0;
    return {
      top: rankClasses(probabilities, this.model.labels, this.model.words, k, this.model.background),
      probabilities,
      features,
      prepareMs,
      inferMs,
      totalMs: prepareMs + inferMs,
    };
  }

  /** Classifies what a video, image or canvas shows right now (unmirrored pixels). */
  async classify(source: FrameSource, k = 3): Promise<Classification> {
    const t0 = performance.now();
    const rgb = inputPixels(source, this.model.inputSize);
    return this.classifyPixels(rgb, k, performance.now() - t0);
  }

  /**
   * Classifies a photo file decoded here, upright: for the phone page, which has no core at hand.
   * The studio's Test tab asks the core for a file's pixels instead (`prepareTestPhotos`): for
   * photos above 1.5 megapixels the core's reduced-size decode differs from this one by rounding.
   */
  async classifyPhoto(file: Blob, k = 3): Promise<Classification> {
    const t0 = performance.now();
    const bitmap = await decodePhoto(file);
    try {
      const rgb = inputPixels(bitmap, this.model.inputSize);
      return await this.classifyPixels(rgb, k, performance.now() - t0);
    } finally {
      bitmap.close();
    }
  }

  /** Frees the head; the base network stays loaded for the next model of the same base. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // Disposing the whole model would free the shared base's weights too: only the head's layers go.
    const baseLayers = new Set(this.base.layers);
    for (const layer of this.net.layers) if (!baseLayers.has(layer)) layer.dispose();
  }
}
