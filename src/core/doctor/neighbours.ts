import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../ml/backend';
import type { CheckInput } from './check-types';

/** Neighbours kept per photo (most similar first). */
export const K = 10;
/** Rows of the similarity matrix computed at once (rows x photos floats in memory). */
const BLOCK = 256;

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
 * Every photo's K nearest photos by feature cosine (vectors are unit length, so dot products),
 * the similarity matrix computed block by block with TF.js (the wasm backend's SIMD matrix product:
 * about n² x 256 multiply-adds, a few seconds for 5,000 photos).
 */
export async function nearestNeighbours(input: CheckInput): Promise<Neighbours> {
  await initBackend();
  const has = input.photos.map((p) => input.features.has(p.sha256));
  const rows = input.photos.map((_, i) => i).filter((i) => has[i]);
  const ids = input.photos.map(() => new Int32Array(K).fill(-1));
  const sims = input.photos.map(() => new Float32Array(K).fill(-Infinity));
  if (rows.length < 2) return { ids, sims, has };
  const d = input.features.get(input.photos[rows[0]].sha256)!.length;
  const flat = new Float32Array(rows.length * d);
  rows.forEach((i, r) => flat.set(input.features.get(input.photos[i].sha256)!, r * d));
  const all = tf.tensor2d(flat, [rows.length, d]);
  try {
    for (let start = 0; start < rows.length; start += BLOCK) {
      input.throwIfCancelled();
      const count = Math.min(BLOCK, rows.length - start);
      const block = tf.tidy(() => tf.matMul(all.slice([start, 0], [count, d]), all, false, true));
      const values = (await block.data()) as Float32Array;
      block.dispose();
      for (let r = 0; r < count; r++) {
        const i = rows[start + r];
        const base = r * rows.length;
        for (let c = 0; c < rows.length; c++) {
          if (c === start + r) continue;
          const s = values[base + c];
          if (s > sims[i][K - 1]) insert(ids[i], sims[i], rows[c], s);
        }
      }
      // Yield between blocks so progress events and a cancel get through.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    all.dispose();
  }
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
