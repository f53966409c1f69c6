import type { CheckInput } from './check-types';

/** Neighbours kept per photo (most similar first). */
export const K = 10;

export interface Neighbours {
  /** Per photo: indexes of its K most similar photos (cosine of features), most similar first. */
  ids: Int32Array[];
  sims: Float32Array[];
  /** Photos that have features. */
  has: boolean[];
}

function insert(ids: Int32Array, sims: Float32Array, j: number, s: number): void {
  if (s <= sims[K - 1]) return;
  let k = K - 1;
  while (k > 0 && sims[k - 1] < s) {
    sims[k] = sims[k - 1];
    ids[k] = ids[k - 1];
    k--;
  }
  sims[k] = s;
  ids[k] = j;
}

/**
 * Every photo's K nearest photos by feature cosine (vectors are unit length, so a dot product).
 * One pass over all pairs: about n² x 256 multiply-adds, a few seconds for 5,000 photos.
 */
export function nearestNeighbours(input: CheckInput): Neighbours {
  const n = input.photos.length;
  const vectors = input.photos.map((p) => input.features.get(p.sha256) ?? null);
  const ids = vectors.map(() => new Int32Array(K).fill(-1));
  const sims = vectors.map(() => new Float32Array(K).fill(-Infinity));
  for (let i = 0; i < n; i++) {
    const a = vectors[i];
    if (!a) continue;
    if (i % 64 === 0) input.throwIfCancelled();
    const d = a.length;
    for (let j = i + 1; j < n; j++) {
      const b = vectors[j];
      if (!b) continue;
      let s = 0;
      for (let t = 0; t < d; t++) s += a[t] * b[t];
      insert(ids[i], sims[i], j, s);
      insert(ids[j], sims[j], i, s);
    }
  }
  return { ids, sims, has: vectors.map((v) => v !== null) };
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
