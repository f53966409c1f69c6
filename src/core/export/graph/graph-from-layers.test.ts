import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../ml/backend';
import { writeTflite } from '../tflite/tflite-writer';
import { loadTfliteModel } from '../tflite/tflite-runtime';
import { graphFromLayersModel } from './graph-from-layers';

/** A small network using every layer kind the converter knows, with non-trivial weights everywhere. */
function tinyModel(): tf.LayersModel {
  const input = tf.input({ shape: [17, 17, 3] });
  let x = tf.layers.conv2d({ filters: 5, kernelSize: 3, strides: 2, padding: 'same', useBias: true }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization({ epsilon: 1e-3 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.reLU({ maxValue: 6 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'valid', useBias: false }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor;
  x = tf.layers.activation({ activation: 'relu6' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.conv2d({ filters: 4, kernelSize: 1, activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dropout({ rate: 0.5 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: 6, activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.reshape({ targetShape: [2, 3] }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  // Random batch-norm statistics, so folding them into the convolutions really matters.
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'BatchNormalization') continue;
    layer.setWeights(layer.getWeights().map((w, i) => (i === 3 ? tf.randomUniform(w.shape, 0.5, 2) : tf.randomNormal(w.shape))));
  }
  return model;
}

describe('graph from a TF.js layers model', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('folds batch norm, fuses activations, drops dropout and keeps layouts right (checked by TensorFlow Lite)', async () => {
    const model = tinyModel();
    const graph = graphFromLayersModel(model, ['out']);
    expect(graph.ops.map((o) => o.kind)).toEqual([
      'conv2d',
      'depthwiseConv2d',
      'conv2d',
      'mean',
      'fullyConnected',
      'reshape',
      'reshape',
      'fullyConnected',
      'softmax',
    ]);
    expect(graph.ops.slice(0, 3).map((o) => ('activation' in o ? o.activation : ''))).toEqual(['relu6', 'relu6', 'relu']);
    const tflite = await loadTfliteModel(writeTflite(graph, { description: 'tiny' }));
    for (let i = 0; i < 5; i++) {
      const x = tf.randomNormal([1, 17, 17, 3]);
      const a = (model.predict(x) as tf.Tensor).dataSync();
      const b = (tflite.predict(x) as tf.Tensor).dataSync();
      for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-5);
      x.dispose();
    }
  });

  it('refuses layers it cannot write, with a message instead of a wrong model', () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const out = tf.layers.maxPooling2d({ poolSize: 2 }).apply(input) as tf.SymbolicTensor;
    expect(() => graphFromLayersModel(tf.model({ inputs: input, outputs: out }))).toThrow(/cannot be exported: layer type MaxPooling2D/);
  });
});
