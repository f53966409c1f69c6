import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../ml/backend';

/** Rows of a similarity matrix computed at once (rows x columns floats in memory). */
const BLOCK = 256;

/** Unit-length vectors, row after row (n x d). */
export interface VectorRows {
  flat: Float32Array;
  count: number;
  dim: number;
}

/** The given vectors as one matrix (all of the same length). */
export function vectorRows(vectors: readonly Float32Array[]): VectorRows {
  const dim = vectors[0]?.length ?? 0;
  const flat = new Float32Array(vectors.length * dim);
  vectors.forEach((v, r) => flat.set(v, r * dim));
  return { flat, count: vectors.length, dim };
}

/**
 * Dot products of some rows of `all` with every row of `all` (cosines, for unit vectors), block by
 * block with TF.js (the wasm backend's SIMD matrix product); `onRow(r, values, offset)` reads row
 * `rows[r]`'s products at values[offset + column]. Yields between blocks so progress events and a
 * cancel get through (`throwIfCancelled` is called there).
 */
export async function scanSimilarities(
  all: VectorRows,
  rows: readonly number[],
  onRow: (r: number, values: Float32Array, offset: number) => void,
  throwIfCancelled: () => void,
): Promise<void> {
  if (rows.length === 0 || all.count === 0) return;
  await initBackend();
  const columns = tf.tensor2d(all.flat, [all.count, all.dim]);
  try {
    for (let start = 0; start < rows.length; start += BLOCK) {
      throwIfCancelled();
      const count = Math.min(BLOCK, rows.length - start);
      const picked = new Float32Array(count * all.dim);
      for (let r = 0; r < count; r++) picked.set(all.flat.subarray(rows[start + r] * all.dim, (rows[start + r] + 1) * all.dim), r * all.dim);
      const block = tf.tidy(() => tf.matMul(tf.tensor2d(picked, [count, all.dim]), columns, false, true));
      const values = (await block.data()) as Float32Array;
      block.dispose();
      for (let r = 0; r < count; r++) onRow(start + r, values, r * all.count);
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    columns.dispose();
  }
}

/** Inserts (id, s) into a best-first list of fixed length when it beats the last entry. */
export function insertTop(ids: Int32Array, sims: Float32Array, id: number, s: number): void {
  const last = ids.length - 1;
  if (s <= sims[last]) return;
  let k = last;
  while (k > 0 && sims[k - 1] < s) {
    sims[k] = sims[k - 1];
    ids[k] = ids[k - 1];
    k--;
  }
  sims[k] = s;
  ids[k] = id;
}

/** An empty best-first list of `length` entries (id -1, similarity -Infinity). */
export function emptyTop(length: number): { ids: Int32Array; sims: Float32Array } {
  return { ids: new Int32Array(length).fill(-1), sims: new Float32Array(length).fill(-Infinity) };
}
