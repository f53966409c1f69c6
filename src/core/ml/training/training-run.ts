import type { MisclassifiedPhoto, RunMetrics, TrainingRunResult, TrainingSettings } from '../../../shared/api/training';
import { StudioError } from '../../../shared/errors';
import { formatBytesOf } from '../../../shared/format';
import type { CoreContext } from '../../context';
import { cancelledError, type JobContext } from '../../jobs/job-runner';
import { ensureBaseModel } from '../base-models/base-model-service';
import { initBackend } from '../backend';
import { loadDeckDataset, requireTrainable } from './deck-dataset';
import { EmbeddingStore } from '../features/embedding-store';
import { computeMissingFeatures } from '../features/features-job';
import { trainHead, type HeadData } from './head-trainer';
import { argmaxRow, evaluatePredictions } from './metrics';
import { insertModelVersion } from '../versions/model-versions-repo';
import { PREPROCESSING_VERSION, trainingVariants } from '../features/preprocess';
import { trainingFeatureNeeds, trainingSplit } from './training-needs';
import { snapshotOf } from '../../revision/deck-snapshot';
import { recordRevision } from '../../revision/revisions-repo';

export interface TrainingRequest {
  deckId: number;
  runId: string;
  settings: TrainingSettings;
  baseModelId: string;
}

const STEPS = 4;
const step = (n: number) => `Step ${n} of ${STEPS} · `;

/**
 * "Train" as one job: make sure the base model is here, compute the features photos lack, fit the
 * head, judge it on the held-out block, and keep the result as the deck's next model version.
 */
export async function runTraining(ctx: CoreContext, job: JobContext, req: TrainingRequest): Promise<TrainingRunResult> {
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const lap = (name: string, since: number) => (timings[name] = Date.now() - since);
  const store = ctx.session.require();
  const { settings } = req;

  const dataset = loadDeckDataset(store.db, req.deckId);
  requireTrainable(dataset);

  let t = Date.now();
  job.progress(0, 1, `${step(1)}Preparing the base model`);
  const model = await ensureBaseModel(req.baseModelId, ctx.options, {
    signal: job.signal,
    onProgress: (p) => job.progress(p.bytesDone, p.bytesTotal, `${step(1)}Downloading the base model: ${formatBytesOf(p.bytesDone, p.bytesTotal)}`),
  });
  lap('baseModel', t);
  job.throwIfCancelled();

  const { train: trainPhotos, val: valPhotos } = trainingSplit(dataset, settings.validationShare);
  const [plain, ...augmented] = trainingFeatureNeeds(dataset, settings);

  t = Date.now();
  const features = await computeMissingFeatures({
    db: store.db,
    projectDir: store.dir,
    model,
    ...plain,
    job,
    phase: step(2),
  });
  for (const need of augmented) {
    const aug = await computeMissingFeatures({
      db: store.db,
      projectDir: store.dir,
      model,
      ...need,
      job,
      phase: `${step(2)}Augmentation · `,
    });
    features.computed += aug.computed;
  }
  lap('features', t);
  job.throwIfCancelled();

  const embeddings = new EmbeddingStore(store.db, { baseModelId: model.entry.id, preprocessing: PREPROCESSING_VERSION });
  const orig = embeddings.getMany(
    dataset.photos.map((p) => p.sha256),
    'orig',
  );
  const usable = (p: { sha256: string }) => orig.has(p.sha256);
  const train: HeadData & { photos: typeof trainPhotos } = { x: [], y: [], photos: [] };
  const views = trainingVariants(settings);
  const byVariant = new Map(
    views.map((v) => [
      v,
      v === 'orig'
        ? orig
        : embeddings.getMany(
            trainPhotos.map((p) => p.sha256),
            v,
          ),
    ]),
  );
  for (const p of trainPhotos.filter(usable)) {
    for (const v of views) {
      const x = byVariant.get(v)?.get(p.sha256);
      if (!x) continue;
      (train.x as Float32Array[]).push(x);
      (train.y as number[]).push(p.classIndex);
    }
  }
  const val = valPhotos.filter(usable);
  const skipped = dataset.photos.length - dataset.photos.filter(usable).length;

  t = Date.now();
  const backend = await initBackend();
  const out = await trainHead({
    featureSize: model.entry.featureSize,
    numClasses: dataset.labels.length,
    train,
    val: { x: val.map((p) => orig.get(p.sha256) as Float32Array), y: val.map((p) => p.classIndex) },
    settings,
    signal: job.signal,
    onEpoch: (m) => {
      ctx.events.emit('training.epoch', { ...m, runId: req.runId, deckId: req.deckId, epochs: settings.epochs });
      // No epoch number here: the curves (training.epoch) are the one source of it on screen.
      job.progress(m.epoch, settings.epochs, `${step(3)}Training the model`);
    },
  });
  lap('fit', t);
  if (out.stopped === 'cancelled') throw cancelledError();
  if (out.stopped === 'diverged' && out.epochsDone === 0) {
    throw new StudioError(
      'TRAINING_DIVERGED',
      'Training went wrong in its first epoch: the numbers grew out of range (the loss became NaN), so there is no model to keep.',
      'Lower the learning rate (for example back to its default) and train again.',
    );
  }

  t = Date.now();
  job.progress(0, 1, `${step(4)}Checking the model on held-out photos`);
  const k = dataset.labels.length;
  const pred = val.map((_, i) => argmaxRow(out.valProbs, i, k));
  const evaluation = evaluatePredictions(
    val.map((p) => p.classIndex),
    pred,
    dataset.labels,
  );
  const metrics: RunMetrics = {
    ...evaluation,
    trainCount: trainPhotos.filter(usable).length,
    valCount: val.length,
    trainAccuracy: out.trainAccuracy,
  };
  const misclassified: MisclassifiedPhoto[] = [];
  val.forEach((p, i) => {
    if (pred[i] === p.classIndex) return;
    misclassified.push({
      photoId: p.id,
      sha256: p.sha256,
      trueKey: dataset.labels[p.classIndex],
      predictedKey: dataset.labels[pred[i]],
      confidence: out.valProbs[i * k + pred[i]],
    });
  });
  const notes: string[] = [];
  if (out.stopped === 'diverged') {
    notes.push(
      `Training stopped at epoch ${out.epochsDone + 1} of ${settings.epochs} because the numbers grew out of range (the loss became NaN); ` +
        `the model from epoch ${out.epochsDone} was kept. A smaller learning rate avoids this.`,
    );
  }
  if (skipped > 0) notes.push(`${skipped} photo(s) could not be read and were left out.`);
  lap('evaluate', t);
  timings.total = Date.now() - t0;

  // The teacher may have closed or switched projects meanwhile: then there is nowhere to save.
  if (!store.isOpen) throw cancelledError();
  const head = { baseModelId: model.entry.id, featureSize: model.entry.featureSize, layers: out.layers, labels: dataset.labels };
  const message = notes.length > 0 ? notes.join(' ') : null;
  const stopped = out.stopped === 'diverged' ? 'diverged' : 'completed';
  const saved = insertModelVersion(store.db, {
    deckId: req.deckId,
    runId: req.runId,
    baseModelId: model.entry.id,
    preprocessing: PREPROCESSING_VERSION,
    backend: backend.name,
    settings,
    curves: out.curves,
    metrics,
    head,
    misclassified,
    timings,
    stopped,
    message,
    // The exact photos judged, so export's parity gate checks these even after the deck changes.
    validationPhotoIds: val.map((p) => p.id),
    // The deck as this run saw it, so screens can tell when photos changed since.
    revisionId: recordRevision(store.db, req.deckId, snapshotOf(dataset)),
  });
  ctx.events.emit('training.finished', { runId: req.runId, deckId: req.deckId, versionId: saved.id, number: saved.number });
  job.progress(1, 1, `Done: version ${saved.number}`);
  return {
    runId: req.runId,
    deckId: req.deckId,
    versionId: saved.id,
    number: saved.number,
    stopped,
    message,
    metrics,
    backend: backend.name,
    timings,
  };
}
