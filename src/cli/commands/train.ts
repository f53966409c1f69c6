import path from 'node:path';
import type { TrainingRunResult, TrainingSettings } from '../../shared/api/training';
import type { CliCommand } from '../command';
import { followJob, positional, stringOption } from '../cli-helpers';
import { chooseDeck, numberOption, percent } from './train-common';

/** CLI flag -> setting. */
const FLAGS: [string, keyof TrainingSettings][] = [
  ['epochs', 'epochs'],
  ['lr', 'learningRate'],
  ['batch', 'batchSize'],
  ['hidden', 'hiddenUnits'],
  ['seed', 'seed'],
  ['validation', 'validationShare'],
  ['heads', 'heads'],
];

export const trainCommand: CliCommand = {
  name: 'train',
  summary: "Train a deck's model (base network features + a new last layer) and keep it as a new version.",
  usage: 'train <dir> [--deck NAME] [--epochs N --lr X --batch N --hidden N --seed N --validation X --heads N] [--augment] [--base ID] [--json]',
  options: {
    deck: { type: 'string' },
    epochs: { type: 'string' },
    lr: { type: 'string' },
    batch: { type: 'string' },
    hidden: { type: 'string' },
    seed: { type: 'string' },
    validation: { type: 'string' },
    heads: { type: 'string' },
    augment: { type: 'boolean' },
    base: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ positionals, values, core, io }) {
    const dir = positional(positionals, 0, 'the project folder', this.usage);
    await core.api.openProject({ dir: path.resolve(dir) });
    const deck = await chooseDeck(core, stringOption(values, 'deck'));
    const settings: Partial<TrainingSettings> = {};
    for (const [flag, key] of FLAGS) {
      const v = numberOption(values, flag);
      if (v !== undefined) (settings as Record<string, number>)[key] = v;
    }
    if (values.augment) settings.augmentation = true;
    const ml = await core.api.getMlInfo();
    io.err(`Backend: ${ml.backend}${ml.simd ? ' (SIMD)' : ''}, ${ml.workers} feature worker(s), TF.js ${ml.tfjsVersion}\n`);
    const { jobId } = await core.api.startTraining({ deckId: deck.id, settings, baseModelId: stringOption(values, 'base') });
    const onSigint = () => void core.api.cancelJob({ jobId });
    process.once('SIGINT', onSigint);
    let result: TrainingRunResult;
    try {
      result = (await followJob(core, jobId, io)) as TrainingRunResult;
    } finally {
      process.off('SIGINT', onSigint);
    }
    const version = await core.api.getModelVersion({ versionId: result.versionId });
    // Known once the feature workers started: they run TensorFlow Lite or fall back to TF.js.
    const { featureEngine } = await core.api.getMlInfo();
    const m = result.metrics;
    if (values.json) {
      const out = {
        deck: deck.name,
        deckId: deck.id,
        versionId: result.versionId,
        number: result.number,
        baseModelId: version.baseModelId,
        backend: result.backend,
        workers: ml.workers,
        featureEngine,
        stopped: result.stopped,
        message: result.message,
        accuracy: m.accuracy,
        perClass: m.perClass,
        confusion: m.confusion,
        labels: m.labels,
        n: m.n,
        trainCount: m.trainCount,
        valCount: m.valCount,
        trainAccuracy: m.trainAccuracy,
        settings: version.settings,
        timings: result.timings,
      };
      io.out(`${JSON.stringify(out, null, 2)}\n`);
      return 0;
    }
    const lines = [
      `Deck "${deck.name}": version ${result.number} trained on ${m.trainCount} photos (base ${version.baseModelId}, backend ${result.backend}).`,
      `Held-out photos recognised: ${percent(m.accuracy)} of ${m.valCount}  (training photos: ${percent(m.trainAccuracy)})`,
      ...m.labels.map((l) => `  ${l.padEnd(16)} ${percent(m.perClass[l] ?? null)}`),
      `Time: ${(result.timings.total / 1000).toFixed(1)} s (features ${(result.timings.features / 1000).toFixed(1)} s${featureEngine ? ` with ${featureEngine === 'tflite' ? 'TensorFlow Lite' : 'TF.js'}` : ''}, training ${(result.timings.fit / 1000).toFixed(1)} s)`,
    ];
    if (result.message) lines.push(`Note: ${result.message}`);
    io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};
