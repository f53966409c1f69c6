import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../ml/backend';
import {
  fixedHead,
  FRUIT_VOCABULARY,
  fruitPixels,
  fruitTfliteInput,
  inputOf,
  loadSharedBase,
  NORMALIZATION,
  rgbaOf,
  singleDeckModel,
} from '../../../test-support/export-fixtures';
import { disposeWithBase } from '../dispose-models';
import { fullInt8Gate, MIN_FULL_INT8_AGREEMENT, type ParityInput } from '../parity';
import { buildTflite, tfliteGraph, type TfliteBuildInput } from './build-tflite';
import { calibrateRanges } from './calibrate';
import { layerErrors, type LayerError } from './layer-errors';
import type { ValueRange } from './quantize';
import { dequantizeTensor, readTflite } from './tflite-reader';
import { classifyWithTaskLibrary, disposeTfliteModel, loadTfliteModel, runTfliteRaw } from './tflite-runtime';

const CLASSES = FRUIT_VOCABULARY;
const KEYS = CLASSES.map((c) => c.key);
// TensorFlow Lite operator codes.
const QUANTIZE = 114;
const DEQUANTIZE = 6;

/**
 * The full-integer file, checked against the float network on real fruit photos (calibrated on 60
 * photos, checked on 12 others). The head is fixed pseudo-random weights with a hidden ReLU layer,
 * so every kind of op the studio writes is in the file.
 */
describe('full-integer TFLite export', () => {
  let base: tf.LayersModel;
  let model: tf.LayersModel;
  let input: TfliteBuildInput;
  let ranges: Map<string, ValueRange>;
  let bytes: Uint8Array;
  let photos: Awaited<ReturnType<typeof fruitPixels>>;
  let errors: LayerError[];

  beforeAll(async () => {
    await initBackend();
    base = await loadSharedBase();
    model = singleDeckModel(base, fixedHead(KEYS, 7, 16));
    input = fruitTfliteInput(model, ['en', 'fr']);
    const calibration = await fruitPixels(10, 0);
    ranges = await calibrateRanges({ graph: tfliteGraph(input), photos: calibration.map((p) => p.pixels), normalization: NORMALIZATION });
    bytes = buildTflite({ ...input, quantize: 'full-int8', calibration: ranges });
    photos = await fruitPixels(2, 30);
    errors = await layerErrors(
      tfliteGraph(input),
      ranges,
      photos.map((p) => p.pixels),
      NORMALIZATION,
    );
  }, 240_000);

  afterAll(() => {
    disposeWithBase(model, base);
  });

  it('computes every op within half an int8 step of the same op in float, layer by layer', () => {
    // Each op alone: the float op with the file's int8 weights and its float bias, fed the int8
    // network's own input, against the int8 kernel: only the output rounding (0.5 step) and the
    // int32 bias rounding (half a bias step, up to 0.23 output step in conv_dw_2, whose folded
    // weights reach 60) may differ, plus 0.01 for float32 arithmetic. A wrong scale, zero point,
    // axis or bias is off by many steps.
    expect(errors.map((e) => e.kind)).toEqual(expect.arrayContaining(['conv2d', 'depthwiseConv2d', 'mean', 'fullyConnected', 'softmax']));
    expect(errors).toHaveLength(tfliteGraph(input).ops.length);
    for (const e of errors)
      console.log(
        `${e.kind.padEnd(16)} ${e.op.padEnd(24)} alone ${e.isolatedSteps.toFixed(3)} steps; through the network max ${e.steps.toFixed(1)} steps, rms ${(e.rmsShare * 100).toFixed(2)}% of range`,
      );
    for (const e of errors) expect(e.isolatedSteps, `${e.op} alone`).toBeLessThanOrEqual(0.5 + e.biasSteps + 0.01);
    // Through the whole network, errors add up layer after layer (int8 weights, rounding); measured
    // at most 13.4% of a layer's range as root mean square (conv_pw_13), so 20% is the bound.
    for (const e of errors) expect(e.rmsShare, `${e.op} through the network`).toBeLessThanOrEqual(0.2);
  });

  it('is integer from end to end: uint8 pixels in, int8 inside, uint8 probabilities out', () => {
    const summary = readTflite(bytes);
    expect(summary.inputs).toEqual([
      // real = (q - 128) / 127.5: the normalisation (x - 127.5) / 127.5 on whole-number zero points.
      {
        name: 'input_1',
        shape: [1, 224, 224, 3],
        type: 'uint8',
        quantization: { scale: [Math.fround(1 / 127.5)], zeroPoint: [128], axis: 0 },
        data: null,
      },
    ]);
    expect(summary.outputs).toEqual([
      { name: 'Fruits', shape: [1, 6], type: 'uint8', quantization: { scale: [1 / 256], zeroPoint: [0], axis: 0 }, data: null },
    ]);
    // Nothing float anywhere: what NNAPI, Arm NN and other accelerators ask for.
    expect(summary.tensors.filter((t) => t.type === 'float32')).toEqual([]);
    expect(summary.operatorCodes).toContain(QUANTIZE);
    expect(summary.operatorCodes).not.toContain(DEQUANTIZE);
    const byName = new Map(summary.tensors.map((t) => [t.name, t]));
    for (const op of tfliteGraph(input).ops) {
      if (op.kind !== 'conv2d' && op.kind !== 'depthwiseConv2d' && op.kind !== 'fullyConnected') continue;
      const w = byName.get(`${op.name}/${op.kind === 'fullyConnected' ? 'weights' : 'filter'}`);
      const b = byName.get(`${op.name}/bias`);
      const x = byName.get(op.input) ?? byName.get(`${op.input}/int8`);
      expect(w?.type).toBe('int8');
      expect(b?.type).toBe('int32');
      // Per output channel for convolutions (axis 0, depthwise axis 3), one scale for dense weights.
      const channels = op.kind === 'fullyConnected' ? 1 : op.bias.length;
      expect(w?.quantization?.scale).toHaveLength(channels);
      expect(w?.quantization?.axis).toBe(op.kind === 'depthwiseConv2d' ? 3 : 0);
      expect(w?.quantization?.zeroPoint.every((z) => z === 0)).toBe(true);
      // Bias scale = input scale x weight scale, zero point 0 (TensorFlow Lite's int8 specification).
      const inScale = x?.quantization?.scale[0] ?? NaN;
      expect(b?.quantization?.scale).toEqual(
        Array.from({ length: op.bias.length }, (_, c) => Math.fround(inScale * (w?.quantization?.scale[channels === 1 ? 0 : c] ?? NaN))),
      );
      expect(b?.quantization?.zeroPoint.every((z) => z === 0)).toBe(true);
      // Read back, weights and bias stand for the float ones within half their step (symmetric
      // int8 in [-127, 127]; a channel's step is its largest weight / 127, or coarser where the
      // bias would not fit in int32 otherwise).
      const wf = op.kind === 'fullyConnected' ? op.weights.data : op.filter.data;
      const wq = dequantizeTensor(w!);
      const wScales = w!.quantization!.scale;
      const inner = channels === 1 ? wf.length : wf.length / (op.kind === 'depthwiseConv2d' ? 1 : channels);
      const channelOf = (i: number) => (channels === 1 ? 0 : op.kind === 'depthwiseConv2d' ? i % channels : Math.floor(i / inner));
      let beyond = 0;
      for (let i = 0; i < wf.length; i++) beyond = Math.max(beyond, Math.abs(wq[i] - wf[i]) - wScales[channelOf(i)] / 2);
      expect(beyond, `${op.name} weights`).toBeLessThanOrEqual(1e-6);
      expect(new Int8Array(w!.data!.buffer, w!.data!.byteOffset, w!.data!.length).every((v) => v >= -127)).toBe(true);
      const bq = dequantizeTensor(b!);
      op.bias.forEach((v, c) => expect(Math.abs(bq[c] - v), `${op.name} bias ${c}`).toBeLessThanOrEqual(b!.quantization!.scale[c] / 2 + 1e-6));
    }
  });

  it("runs in TensorFlow Lite's runtime and gives the float model's word on the photos", async () => {
    const tflite = await loadTfliteModel(bytes);
    try {
      let same = 0;
      for (const p of photos) {
        const x = inputOf(p.pixels);
        const expected = (model.predict(x) as tf.Tensor).dataSync();
        x.dispose();
        const probs = Array.from(runTfliteRaw(tflite, p.pixels)[0].data, (v) => v / 256);
        for (let k = 0; k < probs.length; k++) expect(Math.abs(probs[k] - expected[k])).toBeLessThan(0.15);
        if (argMax(probs) === argMax(expected)) same++;
      }
      // A pseudo-random head leaves near-ties between its words; a trained one agrees on all 48
      // fruit validation photos (bench export-int8-agreement).
      expect(same).toBeGreaterThanOrEqual(photos.length - 3);
    } finally {
      disposeTfliteModel(tflite);
    }
  });

  it("keeps its metadata: the float model's normalisation, pixel bytes as input, a label file per language", async () => {
    const meta = readTflite(bytes).metadata;
    // The metadata schema: quantized models share their float model's normalisation; the
    // quantisation of the input tensor then maps it back to 0..255 for uint8.
    expect(meta?.normalization).toEqual({ mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5] });
    expect(meta?.inputStats).toEqual({ min: [0, 0, 0], max: [255, 255, 255] });
    expect(meta?.outputs[0].labelFiles.map((f) => f.locale)).toEqual([null, 'en', 'fr']);
    expect(meta?.outputs[0].labelFiles[2].labels).toEqual(KEYS.map((k) => CLASSES.find((c) => c.key === k)?.words.fr));
    // The Task Library (what Android apps use) reads it all and feeds the uint8 pixels itself.
    const photo = photos[0];
    const x = inputOf(photo.pixels);
    const probs = (model.predict(x) as tf.Tensor).dataSync();
    x.dispose();
    const tflite = await loadTfliteModel(bytes);
    const own = Array.from(runTfliteRaw(tflite, photo.pixels)[0].data, (v) => v / 256);
    disposeTfliteModel(tflite);
    const french = await classifyWithTaskLibrary(bytes, rgbaOf(photo.pixels), { locale: 'fr', maxResults: 6 });
    expect(french.map((c) => c.className).sort()).toEqual(CLASSES.map((c) => c.words.fr).sort());
    expect(french[0].className).toBe(CLASSES[argMax(own)].words.fr);
    expect(Math.abs(french[0].probability - Math.max(...own))).toBeLessThan(1e-6);
    expect(Math.abs(french[0].probability - Math.max(...probs))).toBeLessThan(0.15);
  });

  it('fails the gate, with its figures, when the calibration is wrong', async () => {
    // (A trained deck passes it: export-handlers.test.ts.) Ranges a twentieth of the real ones
    // saturate every layer, as a calibration on the wrong photos would.
    const samples = photos.map((p) => ({ pixels: p.pixels, output: 0, classIndex: p.classIndex }));
    const squeezed = new Map([...ranges].map(([k, r]) => [k, { min: r.min / 20, max: r.max / 20 }]));
    const bad = buildTflite({ ...input, quantize: 'full-int8', calibration: squeezed });
    const gate: ParityInput = { model, tflite: bad, samples, inputSize: 224, normalization: NORMALIZATION, photoSet: '12 photos' };
    const report = await fullInt8Gate(gate, bad.length, 1, 60);
    expect(report).toMatchObject({
      kind: 'full-int8',
      passed: false,
      photos: 12,
      comparisons: 12,
      minAgreement: MIN_FULL_INT8_AGREEMENT,
      calibrationPhotos: 60,
    });
    expect(report.sameTop1 / report.comparisons).toBeLessThan(MIN_FULL_INT8_AGREEMENT);
  });
});

function argMax(a: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
  return best;
}
