/**
 * The inference network in a form every exporter can write: plain operations over named values,
 * weights already in the layouts TensorFlow Lite uses (BatchNorm folded, activations fused).
 * Built from the TF.js model so the .tflite can never describe a different network.
 */
export type FusedActivation = 'none' | 'relu' | 'relu6';
export type Padding = 'same' | 'valid';

/** A constant tensor in row-major order. */
export interface ConstTensor {
  shape: number[];
  data: Float32Array;
}

interface OpBase {
  /** The TF.js layer it came from, kept as the tensor name for debugging. */
  name: string;
  input: string;
  output: string;
}

export interface Conv2dOp extends OpBase {
  kind: 'conv2d';
  /** [out, h, w, in] */
  filter: ConstTensor;
  bias: Float32Array;
  strides: [number, number];
  padding: Padding;
  activation: FusedActivation;
}

export interface DepthwiseConv2dOp extends OpBase {
  kind: 'depthwiseConv2d';
  /** [1, h, w, in * multiplier] */
  filter: ConstTensor;
  bias: Float32Array;
  strides: [number, number];
  padding: Padding;
  depthMultiplier: number;
  activation: FusedActivation;
}

/** Global average pooling as a mean over the spatial axes. */
export interface MeanOp extends OpBase {
  kind: 'mean';
  axes: number[];
  keepDims: boolean;
}

export interface FullyConnectedOp extends OpBase {
  kind: 'fullyConnected';
  /** [units, in] */
  weights: ConstTensor;
  bias: Float32Array;
  activation: FusedActivation;
}

export interface SoftmaxOp extends OpBase {
  kind: 'softmax';
}

export interface ReshapeOp extends OpBase {
  kind: 'reshape';
  shape: number[];
}

export type GraphOp = Conv2dOp | DepthwiseConv2dOp | MeanOp | FullyConnectedOp | SoftmaxOp | ReshapeOp;

export interface GraphOutput {
  /** Value holding the output. */
  value: string;
  /** Name shown to apps (the deck's name for stacked models). */
  name: string;
}

export interface ExportGraph {
  input: { name: string; shape: number[] };
  /** Shape of every value (input and op outputs), batch dimension 1. */
  shapes: Map<string, number[]>;
  /** In execution order. */
  ops: GraphOp[];
  outputs: GraphOutput[];
}
