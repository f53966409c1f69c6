import fs from 'node:fs';
import { framingSentence } from '../ml/features/framing';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { ParityReport, QuantizationReport } from '../../shared/api/export';
import type { BaseModelManifestEntry } from '../../shared/api/training';
import { StudioError } from '../../shared/errors';
import { preparePixels } from '../ml/features/preprocess';
import { readFileInside, writeFileInsideSync } from '../fs/safe-path';
import { blobPath } from '../store/paths';
import type { ProjectStore } from '../store/project-store';
import { parityPhotos } from './deck-model';
import type { ExportPlan } from './export-plan';
import { CALIBRATION_PHOTOS, calibrationPhotos } from './calibration-photos';
import { floatParity, fullInt8Gate, quantizationCost, referenceOutputs, type ParityInput, type ParitySample } from './parity';
import { buildTflite, tfliteGraph, type TfliteBuildInput } from './tflite/build-tflite';
import { calibrateRanges } from './tflite/calibrate';

export interface TfliteStepInput {
  model: tf.LayersModel;
  plan: ExportPlan;
  entry: BaseModelManifestEntry;
  store: ProjectStore;
  /** Folder the .tflite files go to (created). */
  dir: string;
  fileStem: string;
  modelName: string;
  appVersion: string;
  step: (done: number, total: number, message: string) => void;
  check: () => void;
  lap: (phase: string) => void;
}

export interface TfliteStepResult {
  parity: ParityReport;
  quantization: QuantizationReport | null;
  /** File names written in `dir` (the smaller file only when its cost was acceptable). */
  files: { float: string | null; int8: string | null; fullInt8: string | null };
}

const STEPS = 6;

/**
 * The TFLite part of an export: writes the float .tflite, runs the parity gate (TensorFlow Lite's
 * runtime against the TF.js model on the deck's validation photos) and refuses the export when it
 * fails; with int8, measures what the smaller file costs on the same photos.
 */
export async function exportTflite(s: TfliteStepInput): Promise<TfliteStepResult> {
  const { plan, entry } = s;
  s.step(2, STEPS, 'Writing the TFLite model');
  const tfliteInput: TfliteBuildInput = {
    model: s.model,
    decks: plan.decks.map((d) => ({ name: d.name, classes: d.classes })),
    languages: plan.languages,
    inputSize: entry.inputSize,
    normalization: entry.normalization,
    name: s.modelName,
    description: `Picture vocabulary: ${plan.decks.map((d) => `${d.name} (${d.classes.length} words, version ${d.model.number})`).join('; ')}. ${framingSentence(plan.decks.map((d) => d.model.framing))}`,
    version: plan.decks.map((d) => `${d.name} v${d.model.number}`).join(', '),
    author: `Magritte Studio ${s.appVersion}`,
  };
  const floatBytes = buildTflite(tfliteInput);
  s.lap('tflite');
  const { samples, photoSet } = await loadParitySamples(s.store, plan, entry.inputSize);
  s.lap('photos');
  s.check();

  s.step(3, STEPS, 'Checking the TFLite model with TensorFlow Lite');
  const parityInput: ParityInput = {
    model: s.model,
    tflite: floatBytes,
    samples,
    inputSize: entry.inputSize,
    normalization: entry.normalization,
    photoSet,
    throwIfCancelled: s.check,
    onProgress: (done, total) => s.step(3, STEPS, `Checking the TFLite model with TensorFlow Lite (${done}/${total} photos)`),
  };
  // The TF.js side is computed once and shared by the float and int8 checks.
  parityInput.reference = referenceOutputs(parityInput);
  const parity = await floatParity(parityInput);
  s.lap('parity');
  if (!parity.passed) throw parityFailed(parity);
  fs.mkdirSync(s.dir, { recursive: true });
  const files: TfliteStepResult['files'] = { float: `${s.fileStem}.tflite`, int8: null, fullInt8: null };
  writeFileInsideSync(s.dir, path.join(s.dir, files.float ?? ''), floatBytes, true);

  let quantization: QuantizationReport | null = null;
  if (plan.quantize === 'int8') {
    s.step(4, STEPS, 'Measuring the int8 model');
    const int8Bytes = buildTflite({ ...tfliteInput, quantize: 'int8' });
    quantization = await quantizationCost({ ...parityInput, tflite: int8Bytes }, int8Bytes.length, floatBytes.length);
    // A too costly int8 model is reported, not written: the float one is the safe choice.
    if (quantization.passed) {
      files.int8 = `${s.fileStem}-int8.tflite`;
      writeFileInsideSync(s.dir, path.join(s.dir, files.int8), int8Bytes, true);
    }
    s.lap('int8');
  }
  if (plan.quantize === 'full-int8') {
    const full = await fullInt8Step(s, tfliteInput, parityInput, floatBytes.length);
    quantization = full.report;
    files.fullInt8 = `${s.fileStem}-full-int8.tflite`;
    writeFileInsideSync(s.dir, path.join(s.dir, files.fullInt8), full.bytes, true);
  }
  return { parity, quantization, files };
}

/**
 * The full-integer file: activation ranges measured on the deck's own photos, then the gate (the
 * file in TensorFlow Lite's integer kernels against the float model on the validation photos).
 * Refused, with the figures, when it gives another word too often.
 */
async function fullInt8Step(
  s: TfliteStepInput,
  build: TfliteBuildInput,
  parity: ParityInput,
  floatBytes: number,
): Promise<{ report: QuantizationReport; bytes: Uint8Array }> {
  const calibrating = 'Tuning the int8 model on the deck’s photos';
  s.step(4, STEPS, calibrating);
  const photos = await loadCalibrationPixels(s.store, s.plan, s.entry.inputSize);
  s.check();
  const calibration = await calibrateRanges({
    graph: tfliteGraph(build),
    photos,
    normalization: build.normalization,
    throwIfCancelled: s.check,
    onProgress: (done, total) => s.step(4, STEPS, `${calibrating} (${done}/${total} photos)`),
  });
  const bytes = buildTflite({ ...build, quantize: 'full-int8', calibration });
  s.lap('calibrate');
  const checking = 'Checking the int8 model with TensorFlow Lite';
  s.step(4, STEPS, checking);
  const report = await fullInt8Gate(
    { ...parity, tflite: bytes, onProgress: (done, total) => s.step(4, STEPS, `${checking} (${done}/${total} photos)`) },
    bytes.length,
    floatBytes,
    photos.length,
  );
  s.lap('full-int8');
  if (!report.passed) throw fullInt8Refused(report);
  return { report, bytes };
}

async function loadCalibrationPixels(store: ProjectStore, plan: ExportPlan, inputSize: number): Promise<Uint8Array[]> {
  const perDeck = Math.ceil(CALIBRATION_PHOTOS / plan.decks.length);
  const photos = plan.decks.flatMap((deck) => calibrationPhotos(store.db, deck.id, deck.model, perDeck));
  const pixels = await mapLimit(photos, 4, async (p) =>
    (await preparePixels(await readFileInside(store.dir, blobPath(store.dir, p.sha256)), inputSize, ['orig'])).get('orig'),
  );
  return pixels.filter((p): p is Uint8Array => p !== undefined);
}

async function loadParitySamples(store: ProjectStore, plan: ExportPlan, inputSize: number): Promise<{ samples: ParitySample[]; photoSet: string }> {
  const samples: ParitySample[] = [];
  const parts: string[] = [];
  for (let output = 0; output < plan.decks.length; output++) {
    const deck = plan.decks[output];
    const { photos, validation } = parityPhotos(store.db, deck.id, deck.model);
    // A few decodes at once: sharp works on libuv's thread pool, so both cores take part.
    const pixels = await mapLimit(photos, 4, async (p) =>
      (await preparePixels(await readFileInside(store.dir, blobPath(store.dir, p.sha256)), inputSize, ['orig'])).get('orig'),
    );
    photos.forEach((p, i) => {
      const px = pixels[i];
      if (px) samples.push({ pixels: px, output, classIndex: p.classIndex });
    });
    parts.push(`${photos.length} ${validation ? 'validation photos' : 'photos'} of ${deck.name} (version ${deck.model.number})`);
  }
  if (samples.length === 0) {
    throw new StudioError(
      'EXPORT_FAILED',
      'The deck has no photos to check the exported model with.',
      'Add photos to the deck, train it, then export again.',
    );
  }
  return { samples, photoSet: parts.join(', ') };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

function fullInt8Refused(q: QuantizationReport): StudioError {
  const pct = (v: number | null) => (v === null ? '-' : `${Math.round(v * 100)}%`);
  return new StudioError(
    'PARITY_FAILED',
    `The smaller int8 file gave the full model's word on only ${q.sameTop1} of ${q.comparisons} photos (at least ${pct(q.minAgreement ?? null)} needed); ` +
      `it recognised ${pct(q.int8Accuracy)} of them where the full model recognised ${pct(q.floatAccuracy)}. Nothing was exported.`,
    'Export again without the smaller int8 file (the full-size TensorFlow Lite file runs on every phone), or add more varied photos of each word and train again.',
    q,
  );
}

function parityFailed(p: ParityReport): StudioError {
  return new StudioError(
    'PARITY_FAILED',
    `The TFLite file does not give the studio's answers: ${p.comparisons - p.sameTop1} of ${p.comparisons} photos got another word, ` +
      `and probabilities differ by up to ${p.maxAbsDiff.toExponential(1)} (allowed ${p.tolerance.toExponential(0)}). Nothing was exported.`,
    'Export the TF.js format only for now, and report this problem with the deck.',
    p,
  );
}
