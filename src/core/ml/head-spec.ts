/**
 * A trained head in plain numbers: what training produces, what versions store, and what export,
 * the live test and the phone page turn back into layers. Shared so every consumer reads one shape.
 */
export interface DenseLayerSpec {
  inputSize: number;
  units: number;
  activation: 'relu' | 'softmax';
  /** Row-major [inputSize][units], as tf.layers.dense keeps its kernel. */
  kernel: number[];
  bias: number[];
}

export interface HeadSpec {
  baseModelId: string;
  /** Length of the feature vector the head takes (256 for MobileNet v1 0.25). */
  featureSize: number;
  /** One or two dense layers; the last is softmax over the classes. */
  layers: DenseLayerSpec[];
  /** Class keys in output order. */
  labels: string[];
}
