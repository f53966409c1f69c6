import * as tf from '@tensorflow/tfjs';
/* eslint-disable @typescript-eslint/no-base-to-string -- Keras layer configs hold activation and padding as strings; anything else fails as an unsupported activation or padding. */
import type { ExportGraph, FusedActivation, GraphOp, Padding } from './export-graph';
import { hwioToOhwi, lastPart, transpose2d, weightsOf } from './layer-weights';
import { unsupported } from './unsupported';

/**
 * Turns a TF.js layers model (the studio's inference model: base network up to its feature layer,
 * global average pooling, the trained head or heads) into an ExportGraph: BatchNorm folded into the
 * convolution before it, ReLU/ReLU6 fused, dropout dropped, kernels moved to TensorFlow Lite layouts.
 * Nested models (a truncated base used as one layer) are walked as if flat.
 */
export function graphFromLayersModel(model: tf.LayersModel, outputNames?: string[]): ExportGraph {
  if (model.inputs.length !== 1) throw unsupported(`the model has ${model.inputs.length} inputs`);
  const inputShape = model.inputs[0].shape.map((d) => d ?? 1);
  const builder = new GraphBuilder(model.inputs[0].name, inputShape);
  const inputLayer = model.inputLayers[0];
  builder.alias(inputLayer.name, builder.inputName);
  builder.walk(model, '');
  const outputs = model.outputs.map((out, i) => ({
    value: builder.resolve(out.sourceLayer.name),
    name: outputNames?.[i] ?? out.sourceLayer.name,
  }));
  return { input: { name: builder.inputName, shape: inputShape }, shapes: builder.shapes, ops: builder.ops, outputs };
}

type Layer = tf.layers.Layer;

class GraphBuilder {
  readonly ops: GraphOp[] = [];
  readonly shapes = new Map<string, number[]>();
  /** Layer name -> the value that holds its output (differs when a layer was fused or dropped). */
  private readonly values = new Map<string, string>();
  private readonly consumers = new Map<string, number>();

  constructor(
    readonly inputName: string,
    inputShape: number[],
  ) {
    this.shapes.set(inputName, inputShape);
  }

  alias(layerName: string, value: string): void {
    this.values.set(layerName, value);
  }

  resolve(layerName: string): string {
    const v = this.values.get(layerName);
    if (v === undefined) throw unsupported(`layer "${layerName}" is used before it is computed`);
    return v;
  }

  /** Walks one (possibly nested) model; `prefix` keeps nested layer names unique. */
  walk(model: tf.LayersModel, prefix: string): void {
    for (const layer of model.layers) {
      for (const node of layer.inboundNodes) {
        for (const source of node.inboundLayers) {
          const key = prefix + source.name;
          this.consumers.set(key, (this.consumers.get(key) ?? 0) + 1);
        }
      }
    }
    for (const layer of model.layers) {
      if (layer.getClassName() === 'InputLayer') continue;
      const inbound = layer.inboundNodes[0]?.inboundLayers ?? [];
      if (inbound.length !== 1) throw unsupported(`layer "${layer.name}" has ${inbound.length} inputs`);
      const input = this.resolve(prefix + inbound[0].name);
      const name = prefix + layer.name;
      if (layer instanceof tf.LayersModel) {
        const inner = layer;
        const innerPrefix = `${name}/`;
        this.alias(innerPrefix + inner.inputLayers[0].name, input);
        this.walk(inner, innerPrefix);
        this.alias(name, this.resolve(innerPrefix + inner.outputs[0].sourceLayer.name));
        continue;
      }
      this.addLayer(layer, name, input);
    }
  }

  private addLayer(layer: Layer, name: string, input: string): void {
    const config = layer.getConfig();
    const outShape = (layer.outputShape as (number | null)[]).map((d) => d ?? 1);
    const className = layer.getClassName();
    switch (className) {
      case 'Conv2D': {
        const [kernel, bias] = weightsOf(layer, ['kernel', 'bias']);
        checkUnitDilation(layer, config);
        const op: GraphOp = {
          kind: 'conv2d',
          name,
          input,
          output: name,
          filter: hwioToOhwi(kernel),
          bias: bias ? bias.data : new Float32Array(kernel.shape[3]),
          strides: pair(config.strides),
          padding: paddingOf(layer, config),
          activation: 'none',
        };
        this.emit(op, outShape);
        this.applyActivation(op, String(config.activation ?? 'linear'), name, outShape);
        return;
      }
      case 'DepthwiseConv2D': {
        const [kernel, bias] = weightsOf(layer, ['depthwise_kernel', 'bias']);
        checkUnitDilation(layer, config);
        const [h, w, cin, mult] = kernel.shape;
        const op: GraphOp = {
          kind: 'depthwiseConv2d',
          name,
          input,
          output: name,
          // [h, w, in, mult] flattened is already [1, h, w, in * mult] in row-major order.
          filter: { shape: [1, h, w, cin * mult], data: kernel.data },
          bias: bias ? bias.data : new Float32Array(cin * mult),
          strides: pair(config.strides),
          padding: paddingOf(layer, config),
          depthMultiplier: mult,
          activation: 'none',
        };
        this.emit(op, outShape);
        this.applyActivation(op, String(config.activation ?? 'linear'), name, outShape);
        return;
      }
      case 'BatchNormalization':
        this.foldBatchNorm(layer, name, input, Number(config.epsilon ?? 1e-3));
        this.shapes.set(name, outShape);
        return;
      case 'Activation':
        this.applyStandaloneActivation(String(config.activation), name, input, outShape);
        return;
      case 'ReLU': {
        const max = config.maxValue == null ? null : Number(config.maxValue);
        if (max !== null && max !== 6) throw unsupported(`ReLU capped at ${max} in "${layer.name}"`);
        this.applyStandaloneActivation(max === 6 ? 'relu6' : 'relu', name, input, outShape);
        return;
      }
      case 'Dropout':
      case 'SpatialDropout1D':
      case 'GaussianNoise':
      case 'GaussianDropout':
      case 'AlphaDropout':
        // Training-only layers: identity at inference.
        this.alias(name, input);
        return;
      case 'GlobalAveragePooling2D':
        this.emit({ kind: 'mean', name, input, output: name, axes: [1, 2], keepDims: false }, outShape);
        return;
      case 'Reshape':
      case 'Flatten':
        this.emit({ kind: 'reshape', name, input, output: name, shape: outShape }, outShape);
        return;
      case 'Dense': {
        const [kernel, bias] = weightsOf(layer, ['kernel', 'bias']);
        const inShape = this.shapes.get(input) ?? [];
        if (inShape.length !== 2) throw unsupported(`dense layer "${layer.name}" on a ${inShape.length}-D input`);
        const [inSize, units] = kernel.shape;
        const op: GraphOp = {
          kind: 'fullyConnected',
          name,
          input,
          output: name,
          weights: transpose2d(kernel.data, inSize, units),
          bias: bias ? bias.data : new Float32Array(units),
          activation: 'none',
        };
        this.emit(op, outShape);
        this.applyActivation(op, String(config.activation ?? 'linear'), name, outShape);
        return;
      }
      default:
        throw unsupported(`layer type ${className} ("${layer.name}")`);
    }
  }

  private emit(op: GraphOp, shape: number[]): void {
    this.ops.push(op);
    this.shapes.set(op.output, shape);
    this.alias(op.name, op.output);
  }

  /** The activation a conv/dense layer carries in its own config. */
  private applyActivation(op: GraphOp, activation: string, name: string, shape: number[]): void {
    if (activation === 'linear') return;
    if (activation === 'softmax') {
      op.output = `${name}/logits`;
      this.shapes.set(op.output, shape);
      this.emit({ kind: 'softmax', name: `${name}/softmax`, input: op.output, output: name }, shape);
      this.alias(name, name);
      return;
    }
    setFused(op, activation, name);
  }

  /** An Activation or ReLU layer: fused into the op before it when nothing else reads that op. */
  private applyStandaloneActivation(activation: string, name: string, input: string, shape: number[]): void {
    if (activation === 'linear') {
      this.alias(name, input);
      return;
    }
    if (activation === 'softmax') {
      this.emit({ kind: 'softmax', name, input, output: name }, shape);
      return;
    }
    const producer = this.fusableProducer(input);
    if (!producer) throw unsupported(`activation "${activation}" in "${name}" cannot be fused`);
    setFused(producer, activation, name);
    producer.output = name;
    this.shapes.set(name, shape);
    this.alias(name, name);
  }

  private foldBatchNorm(layer: Layer, name: string, input: string, epsilon: number): void {
    const producer = this.fusableProducer(input);
    if (!producer || (producer.kind !== 'conv2d' && producer.kind !== 'depthwiseConv2d') || producer.activation !== 'none') {
      throw unsupported(`batch normalisation "${layer.name}" that does not follow a convolution`);
    }
    const byName = new Map(layer.weights.map((w) => [lastPart(w.originalName ?? w.name), w.read().dataSync() as Float32Array]));
    const mean = byName.get('moving_mean');
    const variance = byName.get('moving_variance');
    if (!mean || !variance) throw unsupported(`batch normalisation "${layer.name}" without moving statistics`);
    const gamma = byName.get('gamma');
    const beta = byName.get('beta');
    const channels = mean.length;
    const scale = new Float32Array(channels);
    for (let c = 0; c < channels; c++) scale[c] = (gamma ? gamma[c] : 1) / Math.sqrt(variance[c] + epsilon);
    const filter = producer.filter;
    const data = new Float32Array(filter.data);
    if (producer.kind === 'conv2d') {
      // [out, h, w, in]: one output channel per leading slice.
      const per = data.length / channels;
      for (let c = 0; c < channels; c++) for (let i = 0; i < per; i++) data[c * per + i] *= scale[c];
    } else {
      // [1, h, w, channels]: the channel is the innermost axis.
      for (let i = 0; i < data.length; i++) data[i] *= scale[i % channels];
    }
    const bias = new Float32Array(channels);
    for (let c = 0; c < channels; c++) bias[c] = (producer.bias[c] - mean[c]) * scale[c] + (beta ? beta[c] : 0);
    producer.filter = { shape: filter.shape, data };
    producer.bias = bias;
    producer.output = name;
    this.alias(name, name);
  }

  /** The op writing `value`, when this layer is its only reader (so rewriting it is safe). */
  private fusableProducer(value: string): GraphOp | undefined {
    const op = this.ops.find((o) => o.output === value);
    if (!op) return undefined;
    const readers = this.consumers.get(value) ?? 0;
    return readers <= 1 ? op : undefined;
  }
}

function setFused(op: GraphOp, activation: string, name: string): void {
  const fused: FusedActivation | null = activation === 'relu' ? 'relu' : activation === 'relu6' ? 'relu6' : null;
  if (fused === null) throw unsupported(`activation "${activation}" in "${name}"`);
  if (op.kind !== 'conv2d' && op.kind !== 'depthwiseConv2d' && op.kind !== 'fullyConnected') {
    throw unsupported(`activation "${activation}" after a ${op.kind} operation`);
  }
  if (op.activation !== 'none') throw unsupported(`two activations in a row at "${name}"`);
  op.activation = fused;
}

function pair(v: unknown): [number, number] {
  if (Array.isArray(v)) return [Number(v[0]), Number(v[1] ?? v[0])];
  return [Number(v ?? 1), Number(v ?? 1)];
}

function paddingOf(layer: Layer, config: tf.serialization.ConfigDict): Padding {
  const p = String(config.padding ?? 'valid');
  if (p !== 'same' && p !== 'valid') throw unsupported(`padding "${p}" in "${layer.name}"`);
  return p;
}

function checkUnitDilation(layer: Layer, config: tf.serialization.ConfigDict): void {
  const [dh, dw] = pair(config.dilationRate ?? 1);
  if (dh !== 1 || dw !== 1) throw unsupported(`dilated convolution "${layer.name}"`);
}
