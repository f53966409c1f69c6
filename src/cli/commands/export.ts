import path from 'node:path';
import { EXPORT_QUANTIZATIONS, type ExportFormat, type ExportQuantization, type ExportResult } from '../../shared/api/export';
import { StudioError } from '../../shared/errors';
import { formatBytes } from '../../shared/format';
import type { CliCommand } from '../command';
import { deckByName, followJob, positional, stringOption } from '../cli-helpers';

function formatsOf(value: string | undefined): ExportFormat[] {
  switch (value ?? 'all') {
    case 'all':
      return ['tfjs', 'tflite'];
    case 'tfjs':
      return ['tfjs'];
    case 'tflite':
      return ['tflite'];
    default:
      throw new StudioError('INVALID_ARGUMENT', `"${value}" is not an export format.`, 'Use --format tfjs, tflite or all.');
  }
}

function summary(r: ExportResult): string {
  const lines = [`Exported ${r.decks.map((d) => `${d.name} (version ${d.versionNumber}, ${d.classes} words)`).join(' + ')}`];
  lines.push(`Languages: ${r.languages.join(', ')}`, `Folder: ${r.folder}`);
  for (const f of r.files) lines.push(`  ${f.name.padEnd(40)} ${formatBytes(f.bytes).padStart(8)}`);
  if (r.parity) {
    const p = r.parity;
    lines.push(
      `Parity: ${p.passed ? 'passed' : 'FAILED'} - TensorFlow Lite gave the same word on ${p.sameTop1}/${p.comparisons} of ${p.photoSet}; ` +
        `largest probability difference ${p.maxAbsDiff.toExponential(1)} (allowed ${p.tolerance.toExponential(0)}).`,
    );
  }
  const q = r.quantization;
  const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);
  if (q?.kind === 'full-int8') {
    lines.push(
      `full-int8: ${formatBytes(q.bytes)} instead of ${formatBytes(q.floatBytes)}; TensorFlow Lite's integer kernels gave the full model's word on ` +
        `${q.sameTop1}/${q.comparisons} photos (at least ${pct(q.minAgreement ?? null)} needed), recognised ${pct(q.int8Accuracy)} against ${pct(q.floatAccuracy)}; ` +
        `calibrated on ${q.calibrationPhotos ?? '-'} of the deck's photos.`,
    );
  } else if (q) {
    lines.push(
      `int8: ${formatBytes(q.bytes)} instead of ${formatBytes(q.floatBytes)}; recognised ${pct(q.int8Accuracy)} against ${pct(q.floatAccuracy)} ` +
        `(${q.passed ? 'written' : `not written: loses more than ${pct(q.maxAccuracyDrop)}`}).`,
    );
  }
  lines.push(`Zip: ${r.zipPath}`);
  return `${lines.join('\n')}\n`;
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export decks as TF.js and/or TFLite models with their words, checked with TensorFlow Lite.',
  usage:
    'export <dir> [--deck NAME ...] --format tfjs|tflite|all [--quantize full-int8|int8] [--langs en,fr] --out <folder> [--json]\n' +
    "  --quantize full-int8  also a fully integer .tflite (int8 weights and activations, calibrated on the deck's photos):\n" +
    '                        smaller and faster on phones, very slightly less exact; runs on the CPU, NNAPI, GPU and accelerators\n' +
    "  --quantize int8       also a .tflite with int8 weights only: as small, runs on TensorFlow Lite's CPU kernels only",
  options: {
    deck: { type: 'string', multiple: true },
    format: { type: 'string' },
    quantize: { type: 'string' },
    langs: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ positionals, values, core, io }) {
    const dir = positional(positionals, 0, 'the project folder', this.usage);
    await core.api.openProject({ dir: path.resolve(dir) });
    const names = Array.isArray(values.deck) ? values.deck.filter((v): v is string => typeof v === 'string') : [];
    let deckIds: number[];
    if (names.length > 0) {
      deckIds = [];
      for (const n of names) deckIds.push((await deckByName(core, n, false)).id);
    } else {
      const decks = await core.api.listDecks();
      if (decks.length !== 1) {
        throw new StudioError(
          'INVALID_ARGUMENT',
          decks.length === 0 ? 'The project has no deck to export.' : 'The project has several decks: say which to export.',
          decks.length === 0
            ? 'Import photos and train a deck first.'
            : `Add --deck NAME (several to stack them): ${decks.map((d) => d.name).join(', ')}.`,
        );
      }
      deckIds = [decks[0].id];
    }
    const quantize = stringOption(values, 'quantize');
    if (quantize !== undefined && !EXPORT_QUANTIZATIONS.includes(quantize as ExportQuantization)) {
      throw new StudioError(
        'INVALID_ARGUMENT',
        `"${quantize}" is not a quantisation the studio knows.`,
        'Use --quantize full-int8 or --quantize int8, or leave it out.',
      );
    }
    const langs = stringOption(values, 'langs')
      ?.split(',')
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
    const out = stringOption(values, 'out');
    const { jobId } = await core.api.startExport({
      deckIds,
      formats: formatsOf(stringOption(values, 'format')),
      languages: langs,
      quantize: quantize as ExportQuantization | undefined,
      outDir: out ? path.resolve(out) : undefined,
    });
    const onSigint = () => void core.api.cancelJob({ jobId });
    process.once('SIGINT', onSigint);
    try {
      const result = (await followJob(core, jobId, io)) as ExportResult;
      io.out(values.json ? `${JSON.stringify(result, null, 2)}\n` : summary(result));
    } finally {
      process.off('SIGINT', onSigint);
    }
    return 0;
  },
};
