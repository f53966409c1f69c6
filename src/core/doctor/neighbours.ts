import type { CheckInput } from './check-types';
import { rememberedTop } from './remembered-top';

/** Neighbours kept per photo (most similar first). */
export const K = 10;
/** Remembered per photo between checks: more than K, so deleting a few photos costs no recompute. */
const KEEP = 2 * K;

export interface Neighbours {
  /** Per photo: indexes of its K most similar photos (cosine of features), most similar first. */
  ids: Int32Array[];
  sims: Float32Array[];
  /** Photos that have features. */
  has: boolean[];
}

/**
 * Every photo's K nearest photos by feature cosine (vectors are unit length, so dot products). The
 * full similarity matrix is about n² x 256 multiply-adds (seconds for 5,000 photos); with the lists
 * of the deck's last check (`input.memory`), only photos new since then, or that lost too many
 * neighbours, are compared with the whole deck, and the others only gain the new photos.
 */
export async function nearestNeighbours(input: CheckInput): Promise<Neighbours> {
  const has = input.photos.map((p) => input.features.has(p.sha256));
  const rows = input.photos.map((_, i) => i).filter((i) => has[i]);
  const ids = input.photos.map(() => new Int32Array(K).fill(-1));
  const sims = input.photos.map(() => new Float32Array(K).fill(-Infinity));
  if (rows.length < 2) return { ids, sims, has };
  const shas = rows.map((i) => input.photos[i].sha256);
  const { lists, memory } = await rememberedTop({
    shas,
    vectors: shas.map((sha) => input.features.get(sha)!),
    keep: KEEP,
    least: K,
    before: input.memory?.neighbours,
    throwIfCancelled: () => input.throwIfCancelled(),
  });
  if (input.memory) input.memory.neighbours = memory;

  rows.forEach((i, r) => {
    for (let k = 0; k < K; k++) {
      const id = lists[r].ids[k];
      if (id < 0) break;
      ids[i][k] = rows[id];
      sims[i][k] = lists[r].sims[k];
    }
  });
  return { ids, sims, has };
}

/** Unit-length copy (a zero vector stays zero). */
export function unit(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  const norm = Math.sqrt(s);
  const out = new Float32Array(v.length);
  if (norm > 0) for (let i = 0; i < v.length; i++) out[i] = v[i] / norm;
  return out;
}
