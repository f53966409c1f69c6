/**
 * Export figures: seconds from "Export" to a finished export of a trained 6-class MobileNet v1 0.25
 * deck (all 240 fruit photos, 48 held out for validation), both formats, parity gate included,
 * in a fresh core (so loading the base network and TensorFlow Lite's runtime are counted).
 * Target: under 5 s. Also prints the parity and int8 figures of that export, and those of the
 * full-integer file: `export-int8-agreement` (share of validation photos given the float model's
 * word by TensorFlow Lite's integer kernels) and `export-tflite-sizes` (float / dynamic / full-int8).
 */
import path from 'node:path';
import type { ExportQuantization, ExportResult } from '../src/shared/api/export';
import type { StudioCore } from '../src/core/index';
import { testCore, waitForJob } from '../src/test-support/test-core';
import { fruitDeck, trainDeck } from '../src/test-support/train-deck';

function line(bench: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ bench, value, unit, ...extra })}\n`);
}

async function timedExport(core: StudioCore, deckId: number, quantize?: ExportQuantization): Promise<{ seconds: number; result: ExportResult }> {
  const started = performance.now();
  const { jobId } = await core.api.startExport({ deckIds: [deckId], formats: ['tfjs', 'tflite'], quantize });
  const result = await waitForJob<ExportResult>(core, jobId);
  return { seconds: (performance.now() - started) / 1000, result };
}

// The base network comes from ../shared/models, as in the tests (no download).
process.env.MAGRITTE_MODELS_PATH ??= path.resolve('..', 'shared', 'models');
const t = await testCore({ languages: ['en', 'fr', 'es'] });
try {
  process.stderr.write('importing and training the fruit deck (not timed)...\n');
  const deckId = await fruitDeck(t.core, 'Fruits', 40);
  await trainDeck(t.core, deckId);

  const first = await timedExport(t.core, deckId);
  const p = first.result.parity;
  line('export', Number(first.seconds.toFixed(3)), 's', {
    target: '< 5 s',
    classes: 6,
    parityPhotos: p?.photos,
    parityPassed: p?.passed,
    parityMaxAbsDiff: p?.maxAbsDiff,
    parityMs: p?.ms,
    totalBytes: first.result.totalBytes,
    timingsMs: first.result.timings,
  });

  const warm = await timedExport(t.core, deckId);
  line('export-warm', Number(warm.seconds.toFixed(3)), 's', { timingsMs: warm.result.timings });

  const q = await timedExport(t.core, deckId, 'int8');
  const cost = q.result.quantization;
  line('export-int8', Number(q.seconds.toFixed(3)), 's', {
    floatAccuracy: cost?.floatAccuracy,
    int8Accuracy: cost?.int8Accuracy,
    accuracyDrop: cost?.accuracyDrop,
    sameTop1: `${cost?.sameTop1}/${cost?.comparisons}`,
    int8Bytes: cost?.bytes,
    floatBytes: cost?.floatBytes,
    timingsMs: q.result.timings,
  });

  const full = await timedExport(t.core, deckId, 'full-int8');
  const f = full.result.quantization;
  line('export-full-int8', Number(full.seconds.toFixed(3)), 's', {
    calibrationPhotos: f?.calibrationPhotos,
    timingsMs: full.result.timings,
  });
  line('export-int8-agreement', f ? Number((f.sameTop1 / f.comparisons).toFixed(4)) : -1, 'share', {
    sameTop1: `${f?.sameTop1}/${f?.comparisons}`,
    minAgreement: f?.minAgreement,
    floatAccuracy: f?.floatAccuracy,
    fullInt8Accuracy: f?.int8Accuracy,
    maxProbabilityDiff: f?.maxAbsDiff,
    dynamicSameTop1: `${cost?.sameTop1}/${cost?.comparisons}`,
    dynamicAccuracy: cost?.int8Accuracy,
  });
  const size = (r: ExportResult, kind: string) => r.files.find((x) => x.kind === kind)?.bytes;
  line('export-tflite-sizes', size(full.result, 'tflite-full-int8') ?? -1, 'bytes', {
    float: size(full.result, 'tflite'),
    dynamicInt8: size(q.result, 'tflite-int8'),
    fullInt8: size(full.result, 'tflite-full-int8'),
  });
} finally {
  await t.dispose();
}
