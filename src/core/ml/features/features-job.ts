import type { FeaturesResult } from '../../../shared/api/training';
import { cancelledError, type JobContext } from '../../jobs/job-runner';
import { readFileInside } from '../../fs/safe-path';
import { blobPath } from '../../store/paths';
import type { ReadyBaseModel } from '../base-models/base-model-service';
import { EmbeddingStore } from './embedding-store';
import { getFeaturePool } from './pool-registry';
import { PREPROCESSING_VERSION, type Variant } from './preprocess';
import { isUndecodable, markUnreadable, unreadableAmong } from './unreadable-photos';
import type { Db } from '../../store/open-database';

export interface FeaturePhoto {
  id: number;
  sha256: string;
}

/** Photos that need some views: training needs the plain view of every photo, augmented ones of some. */
export interface FeatureNeed {
  photos: readonly FeaturePhoto[];
  variants: readonly Variant[];
}

/** The views each photo (by sha256) still lacks, of those the needs ask for: one lookup for every photo of every need. */
export function missingViews(store: EmbeddingStore, needs: readonly FeatureNeed[]): Map<string, Variant[]> {
  const stored = store.views([...new Set(needs.flatMap((n) => n.photos.map((p) => p.sha256)))]);
  const out = new Map<string, Variant[]>();
  for (const need of needs) {
    for (const variant of need.variants) {
      for (const { sha256: sha } of need.photos) {
        if (stored.get(sha)?.has(variant)) continue;
        const views = out.get(sha) ?? [];
        if (!views.includes(variant)) out.set(sha, [...views, variant]);
      }
    }
  }
  return out;
}

/** Saving in batches: one SQLite transaction (one fsync) per this many photos. */
const SAVE_EVERY = 32;

/**
 * Computes the features every given photo lacks (for each variant asked for) in the worker pool and
 * caches them in the project database. Progress names the phase with its own rate and time left.
 * Cancelling stops within one batch of photos; what was computed stays cached.
 */
export async function computeMissingFeatures(args: {
  db: Db;
  projectDir: string;
  model: ReadyBaseModel;
  photos: readonly FeaturePhoto[];
  variants: readonly Variant[];
  /** Further photos needing other views (training's augmented views of its training photos): one pass, one decode per photo. */
  more?: readonly FeatureNeed[];
  job: JobContext;
  /** Prefix of progress messages, e.g. "Step 2 of 4 · ". */
  phase?: string;
  /** Checked before each save: false drops what arrives (the deck was deleted meanwhile). */
  keepResults?: () => boolean;
}): Promise<FeaturesResult> {
  const { db, model, job } = args;
  const store = new EmbeddingStore(db, { baseModelId: model.entry.id, preprocessing: PREPROCESSING_VERSION });
  const all: FeatureNeed[] = [{ photos: args.photos, variants: args.variants }, ...(args.more ?? [])];
  const needs = missingViews(store, all);
  const idOf = new Map(all.flatMap((n) => n.photos.map((p) => [p.sha256, p.id] as const)));
  const result: FeaturesResult = { computed: 0, alreadyCached: idOf.size - needs.size, failed: [] };
  // Photos already found not to decode fail again without being read: same bytes, same decoder.
  for (const [sha, reason] of unreadableAmong(db, [...needs.keys()])) {
    needs.delete(sha);
    result.failed.push({ photoId: idOf.get(sha) ?? -1, reason });
  }
  const total = needs.size;
  const prefix = args.phase ?? '';
  if (total === 0) {
    const unreadable = result.failed.length > 0 ? `; ${result.failed.length} cannot be read` : '';
    job.progress(0, 0, `${prefix}Features already computed for all ${idOf.size - result.failed.length} photos${unreadable}`);
    return result;
  }

  job.progress(0, total, `${prefix}Starting the feature workers`);
  const pool = await getFeaturePool(model);
  let done = 0;
  const answered = new Set<string>();
  let pending: { sha256: string; variant: Variant; vector: Float32Array }[] = [];
  let undecodable: { sha256: string; code: string; reason: string }[] = [];
  const flush = () => {
    // A project closed mid-job has nowhere to save; the job ends as cancelled below.
    if (db.open && (args.keepResults?.() ?? true)) {
      store.putMany(pending);
      markUnreadable(db, undecodable);
    }
    pending = [];
    undecodable = [];
  };
  const items = [...needs].map(([sha, variants]) => ({
    key: sha,
    variants,
    // Never through a link: a blob planted as one after open is refused, not read.
    read: () => readFileInside(args.projectDir, blobPath(args.projectDir, sha)),
  }));
  try {
    await pool.run(items, {
      signal: job.signal,
      onResult: (r) => {
        done++;
        answered.add(r.key);
        if (r.error || !r.features) {
          result.failed.push({ photoId: idOf.get(r.key) ?? -1, reason: r.error?.message ?? 'no features' });
          if (r.error && isUndecodable(r.error.code)) undecodable.push({ sha256: r.key, code: r.error.code, reason: r.error.message });
        } else {
          for (const [variant, vector] of Object.entries(r.features)) pending.push({ sha256: r.key, variant: variant as Variant, vector });
          result.computed++;
        }
        if (pending.length >= SAVE_EVERY) flush();
        // Rate and time left are the job's (JobProgress.rate, etaMs): one estimate per job.
        job.progress(done, total, `${prefix}Computing features: ${done} of ${total} photos`);
      },
    });
  } finally {
    flush();
  }
  if (!db.open) throw cancelledError();
  // A worker that died leaves photos unanswered: count them as failed rather than train without them silently.
  for (const sha of needs.keys()) {
    if (!answered.has(sha)) result.failed.push({ photoId: idOf.get(sha) ?? -1, reason: 'a feature worker stopped' });
  }
  return result;
}
