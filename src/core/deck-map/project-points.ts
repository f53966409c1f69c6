import { UMAP } from 'umap-js';
import { seededRandom } from '../ml/training/seeded-random';

export interface ProjectOptions {
  /** Same seed, same vectors in the same order: the same map. */
  seed: number;
  /** Called every few epochs with epochs done and the total. */
  onProgress?(done: number, total: number): void;
  /** Checked between epochs; throws what `throwIfCancelled` throws. */
  throwIfCancelled?(): void;
}

/**
 * Neighbours each photo's place is judged by. UMAP's usual 15 keeps both the tight bursts of one
 * word and how words sit next to each other; small decks use what they have.
 */
const NEIGHBOURS = 15;
/** Epochs between progress reports and breaks for the event loop (other calls keep flowing). */
const EPOCHS_PER_SLICE = 10;

/** Scales points into 0..1 on both axes by one factor (the map keeps its shape), centred. */
export function fitUnitSquare(points: readonly (readonly number[])[]): [number, number][] {
  if (points.length === 0) return [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const span = Math.max(maxX - minX, maxY - minY);
  if (!(span > 0) || !Number.isFinite(span)) return points.map(() => [0.5, 0.5]);
  const offX = (1 - (maxX - minX) / span) / 2;
  const offY = (1 - (maxY - minY) / span) / 2;
  return points.map(([x, y]) => [offX + (x - minX) / span, offY + (y - minY) / span]);
}

/**
 * Places unit-length feature vectors (UMAP's euclidean distance then orders pairs as
 * cosine distance does) in two dimensions so that photos the network sees alike sit close together
 * (UMAP, umap-js). Deterministic for a seed. Runs on this thread in slices of a few epochs, yielding
 * between them, so a large deck does not stall other calls for the whole arrangement.
 */
export async function projectPoints(vectors: readonly ArrayLike<number>[], opts: ProjectOptions): Promise<[number, number][]> {
  const n = vectors.length;
  // Too few photos for neighbourhoods: a line is all there is to show.
  if (n <= 3) return vectors.map((_, i) => [(i + 1) / (n + 1), 0.5]);
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: Math.min(NEIGHBOURS, n - 1),
    // Roomier than UMAP's 0.1: a word's photos stay together without hiding one another.
    minDist: 0.5,
    random: seededRandom(opts.seed),
  });
  const total = umap.initializeFit(vectors.map((v) => Array.from(v)));
  opts.onProgress?.(0, total);
  for (let epoch = 0; epoch < total;) {
    const end = Math.min(total, epoch + EPOCHS_PER_SLICE);
    while (epoch < end) {
      const next = umap.step();
      if (next <= epoch) return fitUnitSquare(umap.getEmbedding());
      epoch = next;
    }
    opts.onProgress?.(epoch, total);
    await new Promise((resolve) => setImmediate(resolve));
    opts.throwIfCancelled?.();
  }
  return fitUnitSquare(umap.getEmbedding());
}
