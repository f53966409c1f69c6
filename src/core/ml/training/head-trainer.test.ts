import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { splitByBlocks } from './block-split';
import { trainHead, type TrainHeadInput } from './head-trainer';
import { DEFAULT_SETTINGS } from './training-settings';
import { predictWithHead } from '../versions/head-predict';

/** Three separable clusters of 40 "feature vectors" each (fast, but real training). */
function clusters(): TrainHeadInput['train'] {
  const x: Float32Array[] = [];
  const y: number[] = [];
  let s = 1;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < 40; i++) {
      const v = new Float32Array(16);
      for (let d = 0; d < 16; d++) v[d] = rand() + (d % 3 === c ? 1.5 : 0);
      x.push(v);
      y.push(c);
    }
  }
  return { x, y };
}

const base = (over: Partial<TrainHeadInput> = {}): TrainHeadInput => ({
  featureSize: 16,
  numClasses: 3,
  train: clusters(),
  val: { x: [], y: [] },
  settings: { ...DEFAULT_SETTINGS, epochs: 8 },
  ...over,
});

describe('head training', () => {
  it('learns, and the same seed gives bit-identical weights', async () => {
    const a = await trainHead(base());
    const b = await trainHead(base());
    expect(a.stopped).toBe('completed');
    expect(a.trainAccuracy).toBeGreaterThan(0.95);
    expect(a.curves).toHaveLength(8);
    expect(a.curves[7].loss).toBeLessThan(a.curves[0].loss);
    expect(b.layers).toEqual(a.layers);
    const c = await trainHead(base({ settings: { ...DEFAULT_SETTINGS, epochs: 8, seed: 1 } }));
    expect(c.layers[0].kernel).not.toEqual(a.layers[0].kernel);
  });

  it('runs two trainings at once (two decks) without them touching each other', async () => {
    const alone = await trainHead(base({ settings: { ...DEFAULT_SETTINGS, epochs: 4, seed: 5 } }));
    const [a, b] = await Promise.all([
      trainHead(base({ settings: { ...DEFAULT_SETTINGS, epochs: 4, seed: 5 } })),
      trainHead(base({ settings: { ...DEFAULT_SETTINGS, epochs: 6, seed: 6, hiddenUnits: 0 } })),
    ]);
    expect(a.layers).toEqual(alone.layers);
    expect(b.layers).toHaveLength(1);
  });

  it('on a NaN loss keeps exactly the weights of the last good epoch', async () => {
    const good = await trainHead(base({ settings: { ...DEFAULT_SETTINGS, epochs: 3 } }));
    // Real divergence (an absurd learning rate) blows up in the first batch; to reach "restore the
    // last good epoch", the test turns the trainer's weights to NaN once epoch 3 has been kept.
    const before = new Set(Object.keys(tf.engine().state.registeredVariables));
    const poisonNewWeights = () => {
      for (const [name, v] of Object.entries(tf.engine().state.registeredVariables)) {
        if (!before.has(name)) tf.tidy(() => v.assign(tf.fill(v.shape, NaN)));
      }
    };
    const broken = await trainHead(base({ onEpoch: (m) => m.epoch === 3 && poisonNewWeights() }));
    expect(broken.stopped).toBe('diverged');
    expect(broken.epochsDone).toBe(3);
    expect(broken.curves).toHaveLength(3);
    expect(broken.layers).toEqual(good.layers);
  });

  it('stops within one batch when aborted and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let epochs = 0;
    const out = await trainHead(
      base({
        settings: { ...DEFAULT_SETTINGS, epochs: 100, batchSize: 4 },
        signal: controller.signal,
        onEpoch: (m) => {
          epochs = m.epoch;
          if (m.epoch === 2) controller.abort();
        },
      }),
    );
    expect(out.stopped).toBe('cancelled');
    expect(epochs).toBe(2);
    expect(out.epochsDone).toBe(2);
    await trainHead(base({ settings: { ...DEFAULT_SETTINGS, epochs: 2, hiddenUnits: 0 }, val: clusters() }));
    await trainHead(base({ settings: { ...DEFAULT_SETTINGS, learningRate: 1e30 } }));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('averages several heads as one ordinary two-layer head that predicts exactly what training judged', async () => {
    const val = clusters();
    const settings = { ...DEFAULT_SETTINGS, epochs: 4, hiddenUnits: 10, heads: 3 };
    const out = await trainHead(base({ settings, val }));
    expect(out.layers.map((l) => [l.inputSize, l.units, l.activation])).toEqual([
      [16, 30, 'relu'],
      [30, 3, 'softmax'],
    ]);
    // The stored head (what versions keep and exports write) gives the trainer's own probabilities.
    const spec = { baseModelId: 'test', featureSize: 16, layers: out.layers, labels: ['a', 'b', 'c'] };
    const stored = await predictWithHead(spec, val.x);
    expect(stored.length).toBe(out.valProbs.length);
    stored.forEach((p, i) => expect(p).toBeCloseTo(out.valProbs[i], 5));
    // Three different heads, not three copies: each started from its own weights.
    const cols = (j: number) => out.layers[0].kernel.filter((_, i) => Math.floor((i % 30) / 10) === j);
    expect(cols(1)).not.toEqual(cols(0));
    expect(cols(2)).not.toEqual(cols(1));
    // Same seed, same heads.
    expect((await trainHead(base({ settings, val }))).layers).toEqual(out.layers);
  });

  it('weights small classes up when class weighting is on', async () => {
    const data = clusters();
    // Keep 4 photos of class 2 against 40 of the others.
    const keep = data.y.map((c, i) => c !== 2 || i % 10 === 0);
    const train = { x: data.x.filter((_, i) => keep[i]), y: data.y.filter((_, i) => keep[i]) };
    const val = { x: data.x.filter((_, i) => data.y[i] === 2), y: data.y.filter((c) => c === 2) };
    const settings = { ...DEFAULT_SETTINGS, epochs: 3, hiddenUnits: 0, learningRate: 0.001 };
    const weighted = await trainHead(base({ train, val, settings }));
    const plain = await trainHead(base({ train, val, settings: { ...settings, classWeighting: false } }));
    expect(weighted.curves.at(-1)?.valAcc).toBeGreaterThanOrEqual(plain.curves.at(-1)?.valAcc ?? 0);
    expect(weighted.curves.at(-1)?.valLoss).toBeLessThan(plain.curves.at(-1)?.valLoss ?? 0);
  });
});

describe('validation split by blocks', () => {
  it('holds out the last frames of each class as one block', () => {
    const classOf = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2];
    const { train, val } = splitByBlocks(classOf, 0.2);
    expect(val).toEqual([8, 9, 14]);
    expect(train).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 15]);
    expect(splitByBlocks(classOf, 0).val).toEqual([]);
    // A class of two still keeps one photo to learn from.
    expect(splitByBlocks([0, 0, 1, 1], 0.5)).toEqual({ train: [0, 2], val: [1, 3] });
  });
});
