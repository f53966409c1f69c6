import type { CheckInput, CropVerdicts, RawFinding } from './check-types';
import type { Neighbours } from './neighbours';
import { coarseDistance, cropDistance, printDistance, printView, quickCropDistance, type PrintView } from './print-match';

/**
 * Two fingerprints this close are the same picture: a re-encoded or resized copy differs by well
 * under one grey level on average, while two frames shot a second apart differ by one to several.
 */
const SAME_MEAN = 1.2;
/** A crop is compared after resampling the larger picture, which adds a little difference of its own. */
const CROP_MEAN = 1.4;
const SAME_VISIBLE = 0.003;
/** Cheap first filter on 8x8 block means before comparing whole fingerprints. */
const COARSE_MAX = 4;
/** Pictures whose aspect ratios differ more than this are not plain copies (crops are checked apart). */
const ASPECT_TOLERANCE = 0.02;
/** Only photos this alike to the network are checked as possible crops of each other... */
const CROP_CANDIDATE_SIM = 0.85;
/** ...among a photo's few nearest ones... */
const CROP_CANDIDATES = 10;
/** ...whose mean grey differs by less than this (a crop keeps the light of the picture). */
const CROP_LUMINANCE = 15;

/**
 * Pairs whose quick 8x8 search is further apart than this are not crops: the fruit deck's crops
 * and resized copies measure 1 to 3, frames of the same fruit a second apart about 6.
 */
const QUICK_CROP_MAX = 5;

/** Verdicts kept at most (a few MB); the oldest go first. */
const VERDICTS_KEPT = 400_000;

function isCropOf(outer: PrintView, inner: PrintView, key: string, verdicts: CropVerdicts | undefined): boolean {
  const known = verdicts?.get(key);
  if (known !== undefined) return known;
  let crop = false;
  if (quickCropDistance(outer, inner, QUICK_CROP_MAX) <= QUICK_CROP_MAX) {
    const d = cropDistance(outer, inner);
    crop = d.mean <= CROP_MEAN && d.visible <= SAME_VISIBLE;
  }
  if (verdicts) {
    if (verdicts.size >= VERDICTS_KEPT) verdicts.delete(verdicts.keys().next().value!);
    verdicts.set(key, crop);
  }
  return crop;
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

export interface DuplicateResult {
  findings: RawFinding[];
  /** Pairs found to be the same picture ("i,j" with i < j), so other checks can leave them out. */
  partners: Set<string>;
}

export const pairKey = (i: number, j: number) => (i < j ? `${i},${j}` : `${j},${i}`);

/**
 * Exact duplicates (the same picture at the same size: re-encoded) and near-duplicates (resized,
 * slightly cropped), grouped: a group whose photos sit under more than one word is flagged as such.
 */
export function duplicateFindings(input: CheckInput, neighbours: Neighbours | null): DuplicateResult {
  const { photos, stats } = input;
  const n = photos.length;
  const prints = photos.map((p) => {
    const s = stats.get(p.sha256);
    return s ? { ...printView(s.print, s.aspect), luminance: s.luminance } : null;
  });
  const exact = new UnionFind(n);
  const near = new UnionFind(n);
  const partners = new Set<string>();
  const link = (i: number, j: number, same: boolean) => {
    partners.add(pairKey(i, j));
    (same ? exact : near).union(i, j);
    near.union(i, j);
  };

  // Copies keep the light of the picture: sorted by mean grey, each photo is compared only with
  // the ones within COARSE_MAX of it (a window, not the whole deck).
  const order = photos.map((_, i) => i).filter((i) => prints[i] !== null);
  order.sort((x, y) => prints[x]!.luminance - prints[y]!.luminance);
  for (let oi = 0; oi < order.length; oi++) {
    if (oi % 256 === 0) input.throwIfCancelled();
    const a = prints[order[oi]]!;
    for (let oj = oi + 1; oj < order.length; oj++) {
      const b = prints[order[oj]]!;
      if (b.luminance - a.luminance > COARSE_MAX) break;
      if (Math.abs(Math.log(a.aspect / b.aspect)) > ASPECT_TOLERANCE) continue;
      if (coarseDistance(a, b) > COARSE_MAX) continue;
      const d = printDistance(a, b);
      if (d.mean > SAME_MEAN || d.visible > SAME_VISIBLE) continue;
      const [i, j] = order[oi] < order[oj] ? [order[oi], order[oj]] : [order[oj], order[oi]];
      link(i, j, photos[i].width === photos[j].width && photos[i].height === photos[j].height);
    }
  }

  // Crops change the framing, so whole fingerprints differ: look for one inside the other, among
  // photos the network already finds alike; each pair once, a quick coarse search first, and
  // verdicts remembered by content so a later check compares only pairs it has not seen.
  if (neighbours) {
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      if (i % 64 === 0) input.throwIfCancelled();
      const a = prints[i];
      if (!a) continue;
      for (let k = 0; k < CROP_CANDIDATES; k++) {
        const j = neighbours.ids[i][k];
        if (j < 0 || neighbours.sims[i][k] < CROP_CANDIDATE_SIM) break;
        const b = prints[j];
        const key = pairKey(i, j);
        if (!b || seen.has(key) || partners.has(key) || Math.abs(a.luminance - b.luminance) > CROP_LUMINANCE) continue;
        seen.add(key);
        // The crop is the one with fewer pixels; check that way round.
        const [o, c] = photos[i].width * photos[i].height >= photos[j].width * photos[j].height ? [i, j] : [j, i];
        if (isCropOf(prints[o]!, prints[c]!, `${photos[o].sha256}>${photos[c].sha256}`, input.memory?.cropVerdicts)) link(i, j, false);
      }
    }
  }

  const findings: RawFinding[] = [];
  const groups = (uf: UnionFind) => {
    const by = new Map<number, number[]>();
    for (let i = 0; i < n; i++) by.set(uf.find(i), [...(by.get(uf.find(i)) ?? []), i]);
    return [...by.values()].filter((g) => g.length > 1);
  };
  const words = (g: number[]) => new Set(g.map((i) => photos[i].classId)).size;
  const exactGroups = groups(exact);
  const covered = new Set(exactGroups.map((g) => g.join(',')));
  for (const g of exactGroups) {
    const across = words(g) > 1;
    findings.push({ kind: 'duplicate', members: g, acrossWords: across, score: across ? 1 : 0.9 });
  }
  for (const g of groups(near)) {
    // A group that is exactly an exact-duplicate group is already listed.
    if (covered.has(g.join(','))) continue;
    const across = words(g) > 1;
    findings.push({ kind: 'near-duplicate', members: g, acrossWords: across, score: across ? 0.95 : 0.7 });
  }
  return { findings, partners };
}
