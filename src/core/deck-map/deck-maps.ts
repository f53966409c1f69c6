import type { DeckMap } from '../../shared/api/deck-map';
import type { Photo } from '../../shared/domain';
import type { CoreContext } from '../context';
import { cancelledError, type JobContext } from '../jobs/job-runner';
import { requireBaseModelEntry } from '../ml/base-models/base-model-catalog';
import { ensureBaseModel } from '../ml/base-models/base-model-service';
import { computeMissingFeatures } from '../ml/features/features-job';
import { readDeckConfig } from '../ml/training/training-config-repo';
import type { Db } from '../store/open-database';
import { getDeck } from '../store/decks-repo';
import { listPhotos } from '../store/photos-repo';
import { loadDeckVectors } from './deck-vectors';
import { layoutInWorker } from './layout-in-worker';

/** The map's seed: the same photos always land in the same places. */
export const MAP_SEED = 42;

const ARRANGING = 'Step 2 of 2 · Arranging the photos by how alike they look';

/** A deck's arrangement: where each photo (by content) sits, under one base model's features. */
interface Arrangement {
  baseModelId: string;
  places: Map<string, [number, number]>;
  /** Photos (by content) that could not be placed, with why. */
  unplaced: Map<string, string>;
  computeMs: number;
}

/** The map of the photos a deck holds now, from an arrangement that covers them all. */
function mapOf(deckId: number, a: Arrangement, photos: readonly Photo[], fresh: boolean): DeckMap {
  const shas = new Set(photos.map((p) => p.sha256));
  return {
    deckId,
    baseModelId: a.baseModelId,
    points: [...a.places].filter(([sha]) => shas.has(sha)).map(([sha256, [x, y]]) => ({ sha256, x, y })),
    unplaced: photos.filter((p) => a.unplaced.has(p.sha256)).map((p) => ({ photoId: p.id, reason: a.unplaced.get(p.sha256) ?? '' })),
    computeMs: fresh ? a.computeMs : 0,
  };
}

/** True when the arrangement says something about every photo the deck holds now. */
function covers(a: Arrangement, baseModelId: string, photos: readonly Photo[]): boolean {
  return a.baseModelId === baseModelId && photos.every((p) => a.places.has(p.sha256) || a.unplaced.has(p.sha256));
}

/**
 * The deck maps of the open project: arranged by a "deck-map" job, then kept for as long as the
 * project stays open. Placement depends on photo content only, so moving photos between words
 * keeps the map (only the colours change) and deleting photos just drops their dots; a new photo
 * or another base model arranges the deck again.
 */
export class DeckMaps {
  private readonly arranged = new WeakMap<Db, Map<number, Arrangement>>();
  /** Jobs arranging a deck now, by project folder and deck id, with what they were asked to arrange. */
  private readonly running = new Map<string, { jobId: string; baseModelId: string; shas: Set<string> }>();

  constructor(private readonly ctx: CoreContext) {}

  open(deckId: number): { map: DeckMap | null; jobId: string | null } {
    const store = this.ctx.session.require();
    getDeck(store.db, deckId);
    const baseModelId = readDeckConfig(store.db, deckId).baseModelId;
    const photos = listPhotos(store.db, deckId);
    const known = this.arranged.get(store.db)?.get(deckId);
    if (known && covers(known, baseModelId, photos)) return { map: mapOf(deckId, known, photos, false), jobId: null };
    const key = `${store.dir}\n${deckId}`;
    const shas = new Set(photos.map((p) => p.sha256));
    const running = this.running.get(key);
    if (running && running.baseModelId === baseModelId && [...shas].every((sha) => running.shas.has(sha))) return { map: null, jobId: running.jobId };

    requireBaseModelEntry(baseModelId, this.ctx.options.modelCacheDir);
    // The deck changed (new photos, another base model) since that arrangement began: its map
    // would be out of date the moment it came, so it makes way for one of the deck as it is now.
    if (running) this.ctx.jobs.cancel(running.jobId);
    const { jobId, done } = this.ctx.jobs.start('deck-map', (job) => this.ctx.prepare.foreground(() => this.arrange(job, deckId, baseModelId)));
    this.running.set(key, { jobId, baseModelId, shas });
    void done
      .finally(() => {
        if (this.running.get(key)?.jobId === jobId) this.running.delete(key);
      })
      .catch(() => undefined);
    return { map: null, jobId };
  }

  private async arrange(job: JobContext, deckId: number, baseModelId: string): Promise<DeckMap> {
    const store = this.ctx.session.require();
    job.progress(0, 1, 'Step 1 of 2 · Preparing the base model');
    const model = await ensureBaseModel(baseModelId, this.ctx.options, { signal: job.signal });
    const photos = listPhotos(store.db, deckId);
    const features = await computeMissingFeatures({
      db: store.db,
      projectDir: store.dir,
      model,
      photos,
      variants: ['orig'],
      job,
      phase: 'Step 1 of 2 · ',
    });
    job.throwIfCancelled();

    const t0 = Date.now();
    const vectors = loadDeckVectors(store.db, deckId, baseModelId);
    const unique = [...new Map(vectors.withFeatures.map((v) => [v.photo.sha256, v.unit])).entries()];
    // Said before the neighbour search starts (it reports nothing until it is done: seconds on a large deck).
    job.progress(0, 1, ARRANGING);
    const places = await layoutInWorker(
      unique.map(([, unit]) => unit),
      {
        seed: MAP_SEED,
        onProgress: (done, total) => job.progress(done, total, ARRANGING),
        signal: job.signal,
      },
    );
    const reasons = new Map(features.failed.map((f) => [f.photoId, f.reason]));
    const arrangement: Arrangement = {
      baseModelId,
      places: new Map(unique.map(([sha], i) => [sha, places[i]])),
      unplaced: new Map(vectors.without.map((p) => [p.sha256, reasons.get(p.id) ?? 'its features could not be computed'])),
      computeMs: Date.now() - t0,
    };
    // The teacher may have closed or switched projects meanwhile.
    if (!store.isOpen) throw cancelledError();
    let decks = this.arranged.get(store.db);
    if (!decks) this.arranged.set(store.db, (decks = new Map<number, Arrangement>()));
    decks.set(deckId, arrangement);
    return mapOf(deckId, arrangement, vectors.withFeatures.map((v) => v.photo).concat(vectors.without), true);
  }
}
