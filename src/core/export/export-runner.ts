import fs from 'node:fs';
import { framingSentence } from '../ml/features/framing';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { ExportedFile, ExportedFileKind, ExportResult, ParityReport, QuantizationReport } from '../../shared/api/export';
import type { BaseModelManifestEntry } from '../../shared/api/training';
import type { JobContext } from '../jobs/job-runner';
import { writeFileInsideSync } from '../fs/safe-path';
import { initBackend } from '../ml/backend';
import { ensureBaseModel } from '../ml/base-models/base-model-service';
import { loadBaseModel } from '../ml/features/feature-extractor';
import { buildInferenceModel, buildStackedInferenceModel } from '../ml/versions/inference-model';
import type { ResolvedOptions } from '../options';
import type { ProjectStore } from '../store/project-store';
import { disposeWithBase } from './dispose-models';
import { discardStaging, exportFolder, listFiles, publishFolder, stagingFolder, sweepPartialExports, zipFolder } from './export-folder';
import { recordExport } from './export-history';
import { recordRevision } from '../revision/revisions-repo';
import type { ExportPlan } from './export-plan';
import { exportTflite } from './export-tflite';
import { ensureTfliteRuntime } from './tflite/tflite-runtime';
import { writeTfjsExport } from './tfjs/tfjs-export';
import { exportReadme } from './readme';
import { backgroundLabel, distinctFileNames, fileSafe } from './vocabulary';

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
  // TensorFlow Lite's runtime compiles its WebAssembly in the background meanwhile (started after
  // TF.js's own backend is up, so its loader's stand-in globals never meet TF.js's start-up).
  if (plan.formats.includes('tflite')) void ensureTfliteRuntime().catch(() => undefined);
  const { entry, dir } = await ensureBaseModel(plan.baseModelId, ctx.options, { signal: ctx.job?.signal });
  const dest = exportFolder(
    ctx.store.dir,
    plan.decks.map((d) => d.name),
    plan.outDir,
  );
  const target = dest.target;
  // A staging folder an earlier export left when the studio stopped goes now (project exports'
  // leftovers go at open); in a teacher's own folder, only those of this export's name.
  if (plan.outDir) await sweepPartialExports(dest.parent, dest.parent, path.basename(target));
  const staging = stagingFolder(dest);
  let base: tf.LayersModel | null = null;
  let model: tf.LayersModel | null = null;
  try {
    base = await loadBaseModel(dir);
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
    let tfliteFiles: { float: string | null; int8: string | null; fullInt8: string | null } = { float: null, int8: null, fullInt8: null };
    if (plan.formats.includes('tflite')) {
      ({
        parity,
        quantization,
        files: tfliteFiles,
      } = await exportTflite({
        model,
        plan,
        entry,
        store: ctx.store,
        dir: path.join(staging, 'tflite'),
        fileStem: fileSafe(modelName),
        modelName,
        appVersion: ctx.appVersion,
        step: (n, total, message) => ctx.job?.progress(n, total, message),
        check,
        lap,
      }));
    }
    check();

    writeFileInsideSync(
      staging,
      path.join(staging, 'README.md'),
      exportReadme({
        modelName,
        decks: plan.decks.map((d) => ({
          name: d.name,
          keys: d.classes.map((c) => c.key),
          version: d.model.number,
          background: backgroundLabel(d.classes),
        })),
        languages: plan.languages,
        inputSize: entry.inputSize,
        normalization: entry.normalization,
        baseModelId: entry.id,
        framing: framingSentence(plan.decks.map((d) => d.model.framing)),
        tfjs: plan.formats.includes('tfjs'),
        tflite: tfliteFiles.float,
        tfliteInt8: tfliteFiles.int8,
        tfliteFullInt8: tfliteFiles.fullInt8,
        appVersion: ctx.appVersion,
      }),
    );

    step(5, 'Zipping the export');
    const top = path.basename(target);
    const written = listFiles(staging);
    zipFolder(staging, written, top, path.join(staging, `${top}.zip`));
    publishFolder(staging, dest);
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
    const id = recordExport(
      ctx.store.db,
      result,
      plan.decks.map((d) => recordRevision(ctx.store.db, d.id, d.snapshot)),
    );
    step(STEPS, 'Export ready');
    return { ...result, id, exists: true };
  } finally {
    await discardStaging(dest, staging);
    if (base) disposeWithBase(model, base);
  }
}

function inferenceModel(base: tf.LayersModel, entry: BaseModelManifestEntry, plan: ExportPlan): tf.LayersModel {
  if (plan.decks.length === 1) return buildInferenceModel(base, entry.featureLayer, plan.decks[0].model.head);
  // Layer names: the decks' file-safe names, distinct, with underscores.
  const names = distinctFileNames(plan.decks.map((d) => d.name)).map((n) => n.replace(/-/g, '_'));
  const heads = plan.decks.map((d, i) => ({ spec: d.model.head, outputName: names[i] }));
  return buildStackedInferenceModel(base, entry.featureLayer, heads);
}

function kindOf(name: string): ExportedFileKind {
  if (name.endsWith('.zip')) return 'zip';
  if (name === 'README.md') return 'readme';
  if (name.endsWith('-full-int8.tflite')) return 'tflite-full-int8';
  if (name.endsWith('-int8.tflite')) return 'tflite-int8';
  if (name.endsWith('.tflite')) return 'tflite';
  if (name.endsWith('model.json')) return 'tfjs-model';
  if (name.endsWith('.bin')) return 'tfjs-weights';
  if (name.endsWith('metadata.json')) return 'tfjs-metadata';
  if (name.endsWith('vocabulary.json')) return 'vocabulary';
  return 'labels';
}
