import { randomUUID } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import type { TrainingApi, TrainingConfig, TrainingSettings } from '../../shared/api/training';
import type { Handlers } from '../../shared/api';
import { StudioError } from '../../shared/errors';
import { formatBytesOf } from '../../shared/format';
import type { CoreContext } from '../context';
import { getDeck } from '../store/decks-repo';
import { initBackend } from '../ml/backend';
import { DEFAULT_BASE_MODEL_ID, requireBaseModelEntry } from '../ml/base-models/base-model-catalog';
import { listBaseModelInfos } from '../ml/base-models/base-model-locator';
import { ensureBaseModel, importBaseModel } from '../ml/base-models/base-model-service';
import { ActiveRuns } from '../ml/training/active-runs';
import { classifyPhotos } from '../ml/versions/classify-photos';
import { prepareTestPhotos } from '../ml/versions/test-photo-pixels';
import { loadDeckDataset, requireTrainable } from '../ml/training/deck-dataset';
import { EmbeddingStore } from '../ml/features/embedding-store';
import { evaluateFolder } from '../ml/versions/evaluate-folder';
import { computeMissingFeatures } from '../ml/features/features-job';
import { getLiveModel } from '../ml/versions/live-model';
import { deleteModelVersion, getModelVersion, listModelVersions } from '../ml/versions/model-versions-repo';
import { featureRunnerBackend, featureRunnerEngine, poolSize } from '../ml/features/pool-registry';
import { AUGMENT_VARIANTS, PREPROCESSING_VERSION, trainingVariants } from '../ml/features/preprocess';
import { readDeckConfig, readProjectBaseModel, writeDeckConfig, writeProjectBaseModel } from '../ml/training/training-config-repo';
import { runTraining } from '../ml/training/training-run';
import { DEFAULT_SETTINGS, resolveSettings } from '../ml/training/training-settings';

function changedFromDefaults(settings: TrainingSettings): Partial<TrainingSettings> {
  const out: Partial<TrainingSettings> = {};
  for (const key of Object.keys(settings) as (keyof TrainingSettings)[]) {
    if (settings[key] !== DEFAULT_SETTINGS[key]) (out as Record<string, unknown>)[key] = settings[key];
  }
  return out;
}

export function createTrainingHandlers(ctx: CoreContext): Pick<Handlers, keyof TrainingApi> {
  const db = () => ctx.session.require().db;
  const active = new ActiveRuns();
  ctx.events.on('training.epoch', (e) => active.epoch(e.runId, e));

  const config = (deckId?: number): TrainingConfig => {
    const fixed = { defaults: { ...DEFAULT_SETTINGS }, augmentedViews: trainingVariants({ augmentation: true }).length };
    if (deckId === undefined) return { baseModelId: readProjectBaseModel(db()), settings: { ...DEFAULT_SETTINGS }, changed: {}, ...fixed };
    getDeck(db(), deckId);
    const stored = readDeckConfig(db(), deckId);
    const settings = resolveSettings(stored.settings);
    return { baseModelId: stored.baseModelId, settings, changed: changedFromDefaults(settings), ...fixed };
  };

  return {
    getMlInfo: async () => {
      const backend = await initBackend();
      return {
        backend: backend.name,
        workerBackend: featureRunnerBackend(),
        featureEngine: featureRunnerEngine(),
        workers: poolSize(),
        simd: backend.simd,
        tfjsVersion: tf.version.tfjs,
        preprocessingVersion: PREPROCESSING_VERSION,
        defaultBaseModelId: DEFAULT_BASE_MODEL_ID,
      };
    },

    listBaseModels: async () => listBaseModelInfos(ctx.options),

    prepareBaseModel: async ({ baseModelId }) => {
      requireBaseModelEntry(baseModelId, ctx.options.modelCacheDir);
      const { jobId } = ctx.jobs.start('base-model', async (job) => {
        job.progress(0, 1, 'Looking for the base model');
        const ready = await ensureBaseModel(baseModelId, ctx.options, {
          signal: job.signal,
          onProgress: (p) => job.progress(p.bytesDone, p.bytesTotal, `Downloading: ${formatBytesOf(p.bytesDone, p.bytesTotal)}`),
        });
        ctx.events.emit('baseModels.changed', { baseModelId });
        job.progress(1, 1, 'Base model ready');
        return { baseModelId, dir: ready.dir };
      });
      return { jobId };
    },

    importBaseModel: async (req) => {
      const info = await importBaseModel(req, ctx.options);
      ctx.events.emit('baseModels.changed', { baseModelId: info.id });
      return info;
    },

    getTrainingConfig: async ({ deckId }) => config(deckId),

    setTrainingConfig: async ({ deckId, baseModelId, settings }) => {
      if (baseModelId !== undefined) requireBaseModelEntry(baseModelId, ctx.options.modelCacheDir);
      if (deckId === undefined) {
        if (settings !== undefined) {
          throw new StudioError('INVALID_ARGUMENT', 'Training settings belong to a deck.', 'Choose a deck, then change its settings.');
        }
        if (baseModelId !== undefined) writeProjectBaseModel(db(), baseModelId);
        return config();
      }
      getDeck(db(), deckId);
      const changed = settings === undefined ? undefined : changedFromDefaults(resolveSettings(settings));
      writeDeckConfig(db(), deckId, { baseModelId, settings: changed });
      // Other views (augmentation) or another base model: training will need other features.
      ctx.prepare.afterChange(deckId);
      return config(deckId);
    },

    getFeatureStatus: async ({ deckId, baseModelId }) => {
      const id = baseModelId ?? readDeckConfig(db(), deckId).baseModelId;
      const { photos } = loadDeckDataset(db(), deckId);
      const shas = [...new Set(photos.map((p) => p.sha256))];
      const store = new EmbeddingStore(db(), { baseModelId: id, preprocessing: PREPROCESSING_VERSION });
      const missingOrig = new Set(store.missing(shas, 'orig'));
      const missingAug = new Set(AUGMENT_VARIANTS.flatMap((v) => store.missing(shas, v)));
      return {
        baseModelId: id,
        photos: shas.length,
        cached: shas.length - missingOrig.size,
        augmentedCached: shas.filter((s) => !missingOrig.has(s) && !missingAug.has(s)).length,
      };
    },

    getTrainingPreparation: async ({ deckId }) => ctx.prepare.status(deckId),

    startFeatureExtraction: async ({ deckId, baseModelId, augmentation }) => {
      const store = ctx.session.require();
      getDeck(store.db, deckId);
      const id = baseModelId ?? readDeckConfig(store.db, deckId).baseModelId;
      requireBaseModelEntry(id, ctx.options.modelCacheDir);
      const { jobId } = ctx.jobs.start('features', (job) =>
        ctx.prepare.foreground(async () => {
          const model = await ensureBaseModel(id, ctx.options, { signal: job.signal });
          const { photos } = loadDeckDataset(store.db, deckId);
          return computeMissingFeatures({
            db: store.db,
            projectDir: store.dir,
            model,
            photos,
            variants: trainingVariants({ augmentation: augmentation === true }),
            job,
          });
        }),
      );
      return { jobId };
    },

    startTraining: async ({ deckId, settings, baseModelId }) => {
      getDeck(db(), deckId);
      const stored = readDeckConfig(db(), deckId);
      const resolved = resolveSettings(settings, resolveSettings(stored.settings));
      const base = baseModelId ?? stored.baseModelId;
      requireBaseModelEntry(base, ctx.options.modelCacheDir);
      // Say what is missing now rather than in a job that fails a moment later.
      requireTrainable(loadDeckDataset(db(), deckId));
      const runId = randomUUID();
      // The training takes the cores over from a background preparation, which resumes after it.
      const { jobId, done } = ctx.jobs.start('training', (job) =>
        ctx.prepare.foreground(() => runTraining(ctx, job, { deckId, runId, settings: resolved, baseModelId: base })),
      );
      active.start({ runId, jobId, deckId, epochs: resolved.epochs, settings: resolved, baseModelId: base });
      ctx.events.emit('training.started', { runId, deckId });
      void done.finally(() => active.end(runId)).catch(() => undefined);
      return { jobId, runId };
    },

    getActiveTraining: async ({ deckId }) => active.forDeck(deckId),

    listModelVersions: async ({ deckId }) => {
      getDeck(db(), deckId);
      return listModelVersions(db(), deckId);
    },

    getModelVersion: async ({ versionId }) => getModelVersion(db(), versionId),

    deleteModelVersion: async ({ versionId }) => {
      deleteModelVersion(db(), versionId);
    },

    classifyPhotos: async (req) => {
      getDeck(db(), req.deckId);
      return classifyPhotos(ctx, req);
    },

    prepareTestPhotos: async (req) => {
      getDeck(db(), req.deckId);
      return prepareTestPhotos(ctx, req);
    },

    getLiveModel: async (req) => {
      getDeck(db(), req.deckId);
      return getLiveModel(ctx, req);
    },

    startEvaluation: async (req) => {
      getDeck(db(), req.deckId);
      const { jobId } = ctx.jobs.start('evaluation', (job) => evaluateFolder(ctx, job, req));
      return { jobId };
    },
  };
}
