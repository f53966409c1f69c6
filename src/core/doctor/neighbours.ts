import type { CheckInput, NeighbourMemory } from './check-types';
import { emptyTop, insertTop, scanSimilarities, vectorRows } from './similarity';

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

type Top = { ids: Int32Array; sims: Float32Array };

/**
 * The remembered list of a photo still in the deck, its photos gone from the deck left out, or
 * null when fewer than K remain. The list was the exact best KEEP of the deck then, so what is
 * left is the exact best of what remains of it.
 */
function carried(memory: NeighbourMemory, x: number, rowOf: ReadonlyMap<string, number>): Top | null {
  const top = emptyTop(KEEP);
  let m = 0;
  for (let k = 0; k < KEEP; k++) {
    const id = memory.ids[x][k];
    if (id < 0) break;
    const row = rowOf.get(memory.shas[id]);
    if (row === undefined) continue;
    top.ids[m] = row;
    top.sims[m] = memory.sims[x][k];
    m++;
  }
  return m >= K ? top : null;
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
  const all = vectorRows(shas.map((sha) => input.features.get(sha)!));
  const rowOf = new Map(shas.map((sha, r) => [sha, r]));
  const before = input.memory?.neighbours;
  const memory = before && before.dim === all.dim ? before : null;
  const memoryIndex = new Map(memory?.shas.map((sha, x) => [sha, x]));

  const lists: Top[] = [];
  const fresh: number[] = [];
  const added = new Uint8Array(rows.length);
  const isFresh = new Uint8Array(rows.length);
  shas.forEach((sha, r) => {
    const x = memoryIndex.get(sha);
    const kept = memory && x !== undefined ? carried(memory, x, rowOf) : null;
    lists.push(kept ?? emptyTop(KEEP));
    if (kept) return;
    fresh.push(r);
    isFresh[r] = 1;
    if (x === undefined) added[r] = 1;
  });
  await scanSimilarities(
    all,
    fresh,
    (f, values, offset) => {
      const r = fresh[f];
      const own = lists[r];
      const isNew = added[r] === 1;
      for (let c = 0; c < all.count; c++) {
        if (c === r) continue;
        const s = values[offset + c];
        if (s > own.sims[KEEP - 1]) insertTop(own.ids, own.sims, c, s);
        // A photo whose list was carried over has never met a new one: it meets it here.
        if (isNew && isFresh[c] === 0 && s > lists[c].sims[KEEP - 1]) insertTop(lists[c].ids, lists[c].sims, r, s);
      }
    },
    () => input.throwIfCancelled(),
  );
  if (input.memory) input.memory.neighbours = { shas, dim: all.dim, ids: lists.map((l) => l.ids), sims: lists.map((l) => l.sims) };

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
