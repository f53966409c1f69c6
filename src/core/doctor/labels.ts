import type { CheckInput, RawFinding } from './check-types';
import { pairKey } from './duplicates';
import type { Neighbours } from './neighbours';
import { rememberedTop } from './remembered-top';

/** Neighbours that vote (after leaving out the photo's own copies). */
const VOTERS = 7;
/** A photo is likely mislabelled when this share of its neighbours' votes goes to one other word... */
const MISLABEL_SHARE = 0.7;
/** ...and at most this share to its own word. */
const OWN_SHARE_MAX = 0.15;
/** Robust z-score (median and MAD of its word) under which a photo is far from the rest of its word. */
const OUTLIER_Z = -3.5;
const MIN_WORD = 5;

/** Own-word neighbours kept per photo: its 3 nearest once a few copies of it are left out. */
const OWN_TOP = 8;
/** Fewer left of a remembered list (photos deleted or moved away) and it is computed again. */
const OWN_LEAST = 6;
const OWN_USED = 3;

/**
 * Per photo: mean cosine to its 3 most similar photos of its own word, its copies left out (NaN
 * without features). Each word's photos are compared with each other only (a tenth of the work of
 * the whole deck for ten words).
 */
export async function ownWordSimilarity(input: CheckInput, partners: ReadonlySet<string>): Promise<number[]> {
  const { photos } = input;
  const out = new Array<number>(photos.length).fill(NaN);
  const byWord = new Map<number, number[]>();
  photos.forEach((p, i) => {
    if (input.features.has(p.sha256)) byWord.set(p.classId, [...(byWord.get(p.classId) ?? []), i]);
  });
  const remembered = input.memory?.ownWord;
  for (const [classId, members] of byWord) {
    if (members.length < 2) continue;
    const shas = members.map((i) => photos[i].sha256);
    // Remembered per word: a move takes a photo out of one word's lists and into the other's.
    const { lists: tops, memory } = await rememberedTop({
      shas,
      vectors: shas.map((sha) => input.features.get(sha)!),
      keep: OWN_TOP,
      least: OWN_LEAST,
      before: remembered?.get(classId),
      throwIfCancelled: () => input.throwIfCancelled(),
    });
    remembered?.set(classId, memory);
    members.forEach((i, r) => {
      const found: number[] = [];
      for (let k = 0; k < OWN_TOP && found.length < OWN_USED; k++) {
        const c = tops[r].ids[k];
        if (c < 0) break;
        if (!partners.has(pairKey(i, members[c]))) found.push(tops[r].sims[k]);
      }
      if (found.length > 0) out[i] = found.reduce((x, y) => x + y, 0) / found.length;
    });
  }
  return out;
}

/**
 * Per word: the lowest own-word similarity that is still ordinary for it (the outlier bound:
 * median minus 3.5 robust standard deviations of its photos' own-word similarity).
 */
function usualSimilarity(input: CheckInput, ownSim: number[]): Map<number, number> {
  const by = new Map<number, number[]>();
  input.photos.forEach((p, i) => {
    if (Number.isFinite(ownSim[i])) by.set(p.classId, [...(by.get(p.classId) ?? []), ownSim[i]]);
  });
  const out = new Map<number, number>();
  for (const [c, v] of by) {
    if (v.length < MIN_WORD) continue;
    const m = median(v);
    out.set(c, m + OUTLIER_Z * (median(v.map((x) => Math.abs(x - m))) * 1.4826 + 1e-6));
  }
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Likely mislabels and outliers, by leave-one-out k-nearest-neighbours on the cached features
 * (cross-validation with one photo per fold: each photo is judged by the others only).
 * - mislabel: nearly all its nearest photos are of one other word (suggested);
 * - outlier: not a mislabel, but much less like its own word than that word's photos are.
 * Photos in `flagged` (too dark, blurry, tiny...) are not called outliers: their look explains it.
 */
export async function labelFindings(
  input: CheckInput,
  nb: Neighbours,
  partners: ReadonlySet<string>,
  flagged: ReadonlySet<number>,
): Promise<RawFinding[]> {
  const { photos, classes } = input;
  const indexOf = new Map(classes.map((c, i) => [c.id, i]));
  const out: RawFinding[] = [];
  const ownSim = await ownWordSimilarity(input, partners);
  const mislabelled = new Set<number>();
  const usual = usualSimilarity(input, ownSim);

  photos.forEach((p, i) => {
    if (!nb.has[i]) return;
    const own = indexOf.get(p.classId) ?? -1;
    const votes = new Float64Array(classes.length);
    let total = 0;
    let used = 0;
    for (let k = 0; k < nb.ids[i].length && used < VOTERS; k++) {
      const j = nb.ids[i][k];
      if (j < 0) break;
      // A copy of the photo says nothing about its word: it is reported as a duplicate instead.
      if (partners.has(pairKey(i, j))) continue;
      const c = indexOf.get(photos[j].classId) ?? -1;
      const w = Math.max(0, nb.sims[i][k]);
      votes[c] += w;
      total += w;
      used++;
    }
    const simTo = new Float64Array(classes.length);
    const seen = new Int32Array(classes.length);
    for (let k = 0; k < nb.ids[i].length; k++) {
      const j = nb.ids[i][k];
      if (j < 0) break;
      const c = indexOf.get(photos[j].classId) ?? -1;
      if (seen[c] < 3 && !partners.has(pairKey(i, j))) {
        simTo[c] += nb.sims[i][k];
        seen[c]++;
      }
    }
    if (total <= 0) return;
    let best = -1;
    for (let c = 0; c < votes.length; c++) if (c !== own && (best < 0 || votes[c] > votes[best])) best = c;
    const share = votes[best] / total;
    // It must also look like that word's photos look like each other: a photo of something else
    // entirely (a shoe among fruit) is nearest to some word without belonging to it.
    const fits = seen[best] > 0 && simTo[best] / seen[best] >= (usual.get(classes[best].id) ?? Infinity);
    if (best >= 0 && share >= MISLABEL_SHARE && votes[own] / total <= OWN_SHARE_MAX && fits) {
      mislabelled.add(i);
      out.push({ kind: 'mislabel', members: [i], score: share, suggestedClassIndex: best });
    }
  });

  // Outliers: how alike a photo is to its nearest photos of its own word, against its word's usual.
  for (const c of classes) {
    const members = photos.map((p, i) => i).filter((i) => photos[i].classId === c.id && nb.has[i] && Number.isFinite(ownSim[i]));
    if (members.length < MIN_WORD) continue;
    const values = members.map((i) => ownSim[i]);
    const m = median(values);
    const mad = median(values.map((v) => Math.abs(v - m))) * 1.4826 + 1e-6;
    for (const i of members) {
      if (mislabelled.has(i) || flagged.has(i)) continue;
      const z = (ownSim[i] - m) / mad;
      if (z < OUTLIER_Z) out.push({ kind: 'outlier', members: [i], score: Math.min(1, -z / 10) });
    }
  }
  return out;
}
