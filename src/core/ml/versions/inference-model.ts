/**
 * Turning a HeadSpec back into TF.js layers: the head alone, and the full inference model
 * (base network up to its feature layer, global average pooling, head) that export writes out and
 * the window runs live.
 *
 * Browser-safe on purpose: this file imports only @tensorflow/tfjs and contract types, so the
 * renderer can import it as well as the core and the exporter.
 */
import * as tf from '@tensorflow/tfjs';
import type { HeadSpec, Normalization } from '../../../shared/api/training';

/**
 * Applies the spec's dense layers to `x` and loads their weights. The temporary weight tensors
 * are disposed: `setWeights` copies them into the layers' own variables.
 */
function applyDense(spec: HeadSpec, x: tf.SymbolicTensor, prefix: string, lastName?: string): tf.SymbolicTensor {
  spec.layers.forEach((l, i) => {
    const last = i === spec.layers.length - 1;
    const layer = tf.layers.dense({ units: l.units, activation: l.activation, name: last && lastName ? lastName : `${prefix}dense_${i + 1}` });
    x = layer.apply(x) as tf.SymbolicTensor;
    const kernel = tf.tensor2d(l.kernel, [l.inputSize, l.units]);
    const bias = tf.tensor1d(l.bias);
    layer.setWeights([kernel, bias]);
    kernel.dispose();
    bias.dispose();
  });
  return x;
}

function checkSpec(spec: HeadSpec): void {
  let size = spec.featureSize;
  for (const l of spec.layers) {
    if (l.inputSize !== size || l.kernel.length !== l.inputSize * l.units || l.bias.length !== l.units) {
      throw new Error('Head weights do not fit together (damaged model version).');
    }
    size = l.units;
  }
  if (size !== spec.labels.length) throw new Error('Head outputs and labels differ in number (damaged model version).');
}

/** The head alone: features [n, featureSize] in, class probabilities [n, classes] out. */
export function buildHeadModel(spec: HeadSpec, name = 'head'): tf.LayersModel {
  checkSpec(spec);
  const input = tf.input({ shape: [spec.featureSize], name: `${name}_features` });
  return tf.model({ inputs: input, outputs: applyDense(spec, input, `${name}_`), name });
}

/** Name of the pooled feature layer of an inference model (the window reads the features there too). */
export function poolLayerName(outputName = 'probabilities'): string {
  return `${outputName}_pool`;
}

/**
 * The inference-only model: image [n, size, size, 3] (already normalised) in, probabilities out.
 * Shares the base's weights (do not dispose the base while it is in use). No dropout, no training
 * layers: the base is cut at `featureLayer`, then GlobalAveragePooling2D and the head's dense layers.
 * `outputName` names the last layer (export uses the deck's name when stacking decks).
 */
export function buildInferenceModel(base: tf.LayersModel, featureLayer: string, spec: HeadSpec, outputName = 'probabilities'): tf.LayersModel {
  checkSpec(spec);
  const features = base.getLayer(featureLayer).output as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({ name: poolLayerName(outputName) }).apply(features) as tf.SymbolicTensor;
  // The last layer carries `outputName`, so a stacked export has one clearly named output per deck.
  const probabilities = applyDense(spec, pooled, `${outputName}_`, outputName);
  return tf.model({ inputs: base.inputs, outputs: probabilities, name: `${outputName}_model` });
}

/**
 * Several decks on one backbone: one pooled feature layer, one named softmax output per head
 * (heads must share the base model; the exporter checks that before calling).
 */
export function buildStackedInferenceModel(
  base: tf.LayersModel,
  featureLayer: string,
  heads: readonly { spec: HeadSpec; outputName: string }[],
): tf.LayersModel {
  heads.forEach((h) => checkSpec(h.spec));
  const features = base.getLayer(featureLayer).output as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({ name: 'features_pool' }).apply(features) as tf.SymbolicTensor;
  const outputs = heads.map((h) => applyDense(h.spec, pooled, `${h.outputName}_`, h.outputName));
  return tf.model({ inputs: base.inputs, outputs, name: 'stacked_model' });
}

/** (x - mean) / std on pixels 0..255, [n, h, w, 3] or [h, w, 3]. */
export function normalizePixels<T extends tf.Tensor3D | tf.Tensor4D>(pixels: T, n: Normalization): T {
  return tf.tidy(() => pixels.toFloat().sub(tf.tensor1d(n.mean)).div(tf.tensor1d(n.std)) as T);
}
