import fs from 'node:fs';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { ExportedFile, ExportedFileKind, ExportResult, ParityReport, QuantizationReport } from '../../shared/api/export';
import type { BaseModelManifestEntry } from '../../shared/api/training';
import { StudioError } from '../../shared/errors';
import type { JobContext } from '../jobs/job-runner';
import { initBackend } from '../ml/backend';
import { requireBaseModelEntry } from '../ml/base-model-catalog';
import { downloadBaseModel } from '../ml/base-model-download';
import { locateBaseModel } from '../ml/base-model-locator';
import { loadBaseModel } from '../ml/feature-extractor';
import { buildInferenceModel, buildStackedInferenceModel } from '../ml/inference-model';
import { preparePixels } from '../ml/preprocess';
import type { ResolvedOptions } from '../options';
import { blobPath } from '../store/paths';
import type { ProjectStore } from '../store/project-store';
import { parityPhotos } from './deck-model';
import { disposeWithBase } from './dispose-models';
import { exportFolder, listFiles, publishFolder, stagingFolder, zipFolder } from './export-folder';
import { recordExport } from './export-history';
import type { ExportPlan } from './export-plan';
import { floatParity, quantizationCost, referenceOutputs, type ParityInput, type ParitySample } from './parity';
import { writeTfjsExport } from './tfjs/tfjs-export';
import { buildTflite } from './tflite/build-tflite';
import { fileSafe } from './vocabulary';

export interface ExportContext {
  store: ProjectStore;
  options: Pick<ResolvedOptions, 'modelCacheDir' | 'modelsPath' | 'modelBaseUrl'>;
  appVersion: string;
  job?: JobContext;
}

const STEPS = 6;

/**
 * Runs a checked export: builds the inference model (base up to its feature layer, pooling, the
 * trained head or heads), writes the chosen formats, runs the parity gate on the .tflite, zips the
 * folder and records it. Nothing is published unless the gate passes.
 */
export async function runExport(ctx: ExportContext, plan: ExportPlan): Promise<ExportResult> {
  const started = Date.now();
  const timings: Record<string, number> = {};
  let phaseStart = started;
  const step = (n: number, message: string) => ctx.job?.progress(n, STEPS, message);
  /** Closes the running phase under `name`. */
  const lap = (name: string) => {
    const now = Date.now();
    timings[name] = (timings[name] ?? 0) + now - phaseStart;
    phaseStart = now;
  };
  const check = () => ctx.job?.throwIfCancelled();

  step(0, 'Loading the base network');
  await initBackend();
  const entry = requireBaseModelEntry(plan.baseModelId, ctx.options.modelCacheDir);
  const base = await loadBaseModel(await baseModelDir(entry, ctx));
  const target = exportFolder(ctx.store.paths.exports, plan.decks.map((d) => d.name), plan.outDir);
  const staging = stagingFolder(target);
  let model: tf.LayersModel | null = null;
  try {
    model = inferenceModel(base, entry, plan);
    const names = plan.decks.map((d) => d.name);
    const modelName = names.join(' + ');
    lap('base');
    check();

    if (plan.formats.includes('tfjs')) {
      step(1, 'Writing the TF.js model');
      await writeTfjsExport(path.join(staging, 'tfjs'), {
        model,
        decks: plan.decks.map((d) => ({ name: d.name, classes: d.classes })),
        languages: plan.languages,
        inputSize: entry.inputSize,
        normalization: entry.normalization,
        modelName,
        appVersion: ctx.appVersion,
        baseModelId: entry.id,
      });
      lap('tfjs');
    }
    check();

    let parity: ParityReport | null = null;
    let quantization: QuantizationReport | null = null;
    if (plan.formats.includes('tflite')) {
      step(2, 'Writing the TFLite model');
      const tfliteInput = {
        model,
        decks: plan.decks.map((d) => ({ name: d.name, classes: d.classes })),
        languages: plan.languages,
        inputSize: entry.inputSize,
        normalization: entry.normalization,
        name: modelName,
        description: `Picture vocabulary: ${plan.decks.map((d) => `${d.name} (${d.classes.length} words, version ${d.model.number})`).join('; ')}.`,
        version: plan.decks.map((d) => `${d.name} v${d.model.number}`).join(', '),
        author: `Magritte Studio ${ctx.appVersion}`,
      };
      const floatBytes = buildTflite(tfliteInput);
      lap('tflite');
      const { samples, photoSet } = await loadParitySamples(ctx.store, plan, entry.inputSize);
      lap('photos');
      check();
      const parityInput: ParityInput = {
        model,
        tflite: floatBytes,
        samples,
        inputSize: entry.inputSize,
        normalization: entry.normalization,
        photoSet,
        throwIfCancelled: check,
        onProgress: (done, total) => ctx.job?.progress(3, STEPS, `Checking the TFLite model with TensorFlow Lite (${done}/${total} photos)`),
      };
      step(3, 'Checking the TFLite model with TensorFlow Lite');
      // The TF.js side is computed once and shared by the float and int8 checks.
      parityInput.reference = referenceOutputs(parityInput);
      parity = await floatParity(parityInput);
      lap('parity');
      if (!parity.passed) throw parityFailed(parity);
      const tfliteDir = path.join(staging, 'tflite');
      fs.mkdirSync(tfliteDir, { recursive: true });
      fs.writeFileSync(path.join(tfliteDir, `${fileSafe(modelName)}.tflite`), floatBytes);

      if (plan.quantize === 'int8') {
        step(4, 'Measuring the int8 model');
        const int8Bytes = buildTflite({ ...tfliteInput, quantize: 'int8' });
        quantization = await quantizationCost({ ...parityInput, tflite: int8Bytes }, int8Bytes.length, floatBytes.length);
        // A too costly int8 model is reported, not written: the float one is the safe choice.
        if (quantization.passed) fs.writeFileSync(path.join(tfliteDir, `${fileSafe(modelName)}-int8.tflite`), int8Bytes);
        lap('int8');
      }
    }
    check();

    step(5, 'Zipping the export');
    const top = path.basename(target);
    const written = listFiles(staging);
    zipFolder(staging, written, top, path.join(staging, `${top}.zip`));
    publishFolder(staging, target);
    lap('zip');
    const files: ExportedFile[] = listFiles(target).map((name) => ({
      name,
      kind: kindOf(name),
      bytes: fs.statSync(path.join(target, name)).size,
    }));
    const result: Omit<ExportResult, 'id' | 'exists'> = {
      createdAt: new Date().toISOString(),
      folder: target,
      zipPath: path.join(target, `${top}.zip`),
      decks: plan.decks.map((d) => ({
        deckId: d.id,
        name: d.name,
        versionId: d.model.versionId,
        versionNumber: d.model.number,
        baseModelId: d.model.baseModelId,
        classes: d.classes.length,
      })),
      formats: plan.formats,
      languages: plan.languages,
      quantize: plan.quantize,
      parity,
      quantization,
      totalBytes: files.reduce((n, f) => n + f.bytes, 0),
      files,
      ms: Date.now() - started,
      timings,
    };
    const id = recordExport(ctx.store.db, result);
    step(STEPS, 'Export ready');
    return { ...result, id, exists: true };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    disposeWithBase(model, base);
  }
}

function inferenceModel(base: tf.LayersModel, entry: BaseModelManifestEntry, plan: ExportPlan): tf.LayersModel {
  if (plan.decks.length === 1) return buildInferenceModel(base, entry.featureLayer, plan.decks[0].model.head);
  const used = new Set<string>();
  const heads = plan.decks.map((d) => {
    let name = fileSafe(d.name).replace(/-/g, '_');
    for (let n = 2; used.has(name); n++) name = `${fileSafe(d.name).replace(/-/g, '_')}_${n}`;
    used.add(name);
    return { spec: d.model.head, outputName: name };
  });
  return buildStackedInferenceModel(base, entry.featureLayer, heads);
}

async function baseModelDir(entry: BaseModelManifestEntry, ctx: ExportContext): Promise<string> {
  const found = locateBaseModel(entry.id, ctx.options).dir;
  if (found) return found;
  return downloadBaseModel(entry, ctx.options.modelCacheDir, { modelBaseUrl: ctx.options.modelBaseUrl, signal: ctx.job?.signal });
}

async function loadParitySamples(store: ProjectStore, plan: ExportPlan, inputSize: number): Promise<{ samples: ParitySample[]; photoSet: string }> {
  const samples: ParitySample[] = [];
  const parts: string[] = [];
  for (let output = 0; output < plan.decks.length; output++) {
    const deck = plan.decks[output];
    const { photos, validation } = parityPhotos(store.db, deck.id, deck.model, deck.classes);
    for (const p of photos) {
      const pixels = (await preparePixels(fs.readFileSync(blobPath(store.dir, p.sha256)), inputSize, ['orig'])).get('orig');
      if (pixels) samples.push({ pixels, output, classIndex: p.classIndex });
    }
    parts.push(`${photos.length} ${validation ? 'validation photos' : 'photos'} of ${deck.name} (version ${deck.model.number})`);
  }
  if (samples.length === 0) {
    throw new StudioError('EXPORT_FAILED', 'The deck has no photos to check the exported model with.', 'Add photos to the deck, train it, then export again.');
  }
  return { samples, photoSet: parts.join(', ') };
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

function kindOf(name: string): ExportedFileKind {
  if (name.endsWith('.zip')) return 'zip';
  if (name.endsWith('-int8.tflite')) return 'tflite-int8';
  if (name.endsWith('.tflite')) return 'tflite';
  if (name.endsWith('model.json')) return 'tfjs-model';
  if (name.endsWith('.bin')) return 'tfjs-weights';
  if (name.endsWith('metadata.json')) return 'tfjs-metadata';
  if (name.endsWith('vocabulary.json')) return 'vocabulary';
  return 'labels';
}
