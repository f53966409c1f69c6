import type { NeighbourMemory } from './check-types';
import { emptyTop, insertTop, scanSimilarities, vectorRows } from './similarity';

/** A best-first list: row indexes and their similarities (-1 / -Infinity where empty). */
export interface Top {
  ids: Int32Array;
  sims: Float32Array;
}

/**
 * The remembered list of a photo still in the group, its photos gone from the group left out, or
 * null when fewer than `least` remain. The list was the exact best of the group then, so what is
 * left is the exact best of what remains of it.
 */
function carried(memory: NeighbourMemory, x: number, rowOf: ReadonlyMap<string, number>, keep: number, least: number): Top | null {
  const top = emptyTop(keep);
  let m = 0;
  for (let k = 0; k < memory.ids[x].length; k++) {
    const id = memory.ids[x][k];
    if (id < 0) break;
    const row = rowOf.get(memory.shas[id]);
    if (row === undefined) continue;
    top.ids[m] = row;
    top.sims[m] = memory.sims[x][k];
    m++;
  }
  return m >= least ? top : null;
}

/**
 * Each row's `keep` most similar other rows (dot products of unit vectors), best first. With the
 * lists of the group's last time (`before`), only rows new since then, or that lost so many of
 * their list that fewer than `least` remain, are compared with the whole group; the others only
 * meet the new rows. Exact either way. Returns the lists and what to remember for next time.
 */
export async function rememberedTop(args: {
  shas: readonly string[];
  vectors: readonly Float32Array[];
  keep: number;
  least: number;
  before: NeighbourMemory | null | undefined;
  throwIfCancelled(): void;
}): Promise<{ lists: Top[]; memory: NeighbourMemory }> {
  const { shas, keep } = args;
  const all = vectorRows(args.vectors);
  const rowOf = new Map(shas.map((sha, r) => [sha, r]));
  const memory = args.before && args.before.dim === all.dim ? args.before : null;
  const memoryIndex = new Map(memory?.shas.map((sha, x) => [sha, x]));
  const lists: Top[] = [];
  const fresh: number[] = [];
  const added = new Uint8Array(shas.length);
  const isFresh = new Uint8Array(shas.length);
  shas.forEach((sha, r) => {
    const x = memoryIndex.get(sha);
    const kept = memory && x !== undefined ? carried(memory, x, rowOf, keep, args.least) : null;
    lists.push(kept ?? emptyTop(keep));
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
        if (s > own.sims[keep - 1]) insertTop(own.ids, own.sims, c, s);
        // A row whose list was carried over has never met a new one: it meets it here.
        if (isNew && isFresh[c] === 0 && s > lists[c].sims[keep - 1]) insertTop(lists[c].ids, lists[c].sims, r, s);
      }
    },
    () => args.throwIfCancelled(),
  );
  return { lists, memory: { shas: [...shas], dim: all.dim, ids: lists.map((l) => l.ids), sims: lists.map((l) => l.sims) } };
}
