import type { DoctorReport } from '../../shared/api/doctor';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/job-runner';
import { ensureBaseModel } from '../ml/base-models/base-model-service';
import { EmbeddingStore } from '../ml/features/embedding-store';
import { computeMissingFeatures } from '../ml/features/features-job';
import { PREPROCESSING_VERSION } from '../ml/features/preprocess';
import { readDeckConfig } from '../ml/training/training-config-repo';
import { listClasses } from '../store/classes-repo';
import { listPhotos } from '../store/photos-repo';
import type { CheckPhoto, DoctorMemory } from './check-types';
import { checkDeck } from './doctor-check';
import { deckFingerprint, readReport, saveReport } from './doctor-repo';
import { unit } from './neighbours';
import { loadImageStats } from './stats-cache';

export interface DoctorOptions {
  deckId: number;
  /** Compute the features photos lack first (what training does anyway); false: cached ones only. */
  computeFeatures: boolean;
  /** What earlier checks worked out, by project, base model (filled in by this one): re-checks compute what changed. */
  memory?: (baseModelId: string) => DoctorMemory;
}

/**
 * The deck doctor as a job: features (computed or cached), then cheap statistics of every photo's
 * thumbnail (cached too), then every check. Saves the report and says so with `doctor.changed`.
 */
export async function runDoctor(ctx: CoreContext, job: JobContext, opts: DoctorOptions): Promise<DoctorReport> {
  const started = Date.now();
  const store = ctx.session.require();
  const { db } = store;
  const classes = listClasses(db, opts.deckId);
  const keyOf = new Map(classes.map((c) => [c.id, c.key]));
  const rows = listPhotos(db, opts.deckId);
  const photos: CheckPhoto[] = rows.map((p) => ({
    id: p.id,
    sha256: p.sha256,
    file: p.originalName,
    classId: p.classId,
    classKey: keyOf.get(p.classId) ?? '',
    width: p.width,
    height: p.height,
  }));
  const shas = [...new Set(photos.map((p) => p.sha256))];

  const baseModelId = readDeckConfig(db, opts.deckId).baseModelId;
  if (opts.computeFeatures && photos.length > 0) {
    const model = await ensureBaseModel(baseModelId, ctx.options, { signal: job.signal });
    await computeMissingFeatures({ db, projectDir: store.dir, model, photos, variants: ['orig'], job, phase: 'Step 1 of 3 · ' });
  }
  job.throwIfCancelled();
  const cached = new EmbeddingStore(db, { baseModelId, preprocessing: PREPROCESSING_VERSION }).getMany(shas, 'orig');
  const features = new Map([...cached].map(([sha, v]) => [sha, unit(v)]));

  const { stats } = await loadImageStats({
    db,
    projectDir: store.dir,
    shas,
    onProgress: (done, total) => job.progress(done, total, `Step 2 of 3 · Looking at photos: ${done} of ${total}`),
    throwIfCancelled: () => job.throwIfCancelled(),
  });

  job.progress(0, 1, 'Step 3 of 3 · Comparing photos');
  const findings = await checkDeck({
    classes,
    photos,
    stats,
    features,
    memory: opts.memory?.(`${store.dir}|${baseModelId}|${PREPROCESSING_VERSION}`),
    throwIfCancelled: () => job.throwIfCancelled(),
  });
  const report: DoctorReport = {
    deckId: opts.deckId,
    createdAt: new Date().toISOString(),
    photoCount: photos.length,
    findings,
    kept: 0,
    withoutFeatures: photos.filter((p) => !features.has(p.sha256)).length,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    fingerprint: deckFingerprint(rows),
    stale: false,
  };
  saveReport(db, report);
  const shown = readReport(db, opts.deckId) ?? report;
  job.progress(1, 1, `Found ${shown.findings.length} things to look at`);
  ctx.events.emit('doctor.changed', { deckId: opts.deckId, count: shown.findings.length });
  return shown;
}
