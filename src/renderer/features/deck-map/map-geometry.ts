/** Pure geometry of the deck map (no React, no DOM): lasso tests and which words mix. */

export type Point = readonly [number, number];

/** Even-odd rule: true when `p` lies inside the closed polygon (the lasso the teacher drew). */
export function insidePolygon(p: Point, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Two words whose photos sit among each other on the map. */
export interface MixedPair {
  a: string;
  b: string;
  /** Share of the two words' nearest map neighbours that belong to the other word, 0..1. */
  share: number;
}

/**
 * Pairs of words that mix on the map: for every dot, its `k` nearest dots; a pair's share is how
 * many of its two words' neighbours are of the other word. Pairs at `minShare` or more, most mixed
 * first. n² distances: a few tens of milliseconds for a 2,000-photo deck.
 */
export function mixedWords(points: readonly Point[], labels: readonly string[], k = 5, minShare = 0.1): MixedPair[] {
  const n = points.length;
  if (n < 2) return [];
  const cross = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const m = Math.min(k, n - 1);
  // The m nearest so far, kept sorted by insertion: n² distance checks, no sorting of all n.
  const best = new Int32Array(m);
  const bestD = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const [xi, yi] = points[i];
    bestD.fill(Infinity);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = (points[j][0] - xi) ** 2 + (points[j][1] - yi) ** 2;
      if (d >= bestD[m - 1]) continue;
      let s = m - 1;
      while (s > 0 && bestD[s - 1] > d) {
        bestD[s] = bestD[s - 1];
        best[s] = best[s - 1];
        s--;
      }
      bestD[s] = d;
      best[s] = j;
    }
    for (const j of best) {
      if (labels[j] === labels[i]) continue;
      const key = [labels[i], labels[j]].sort().join('\n');
      cross.set(key, (cross.get(key) ?? 0) + 1);
    }
  }
  const pairs: MixedPair[] = [];
  for (const [key, c] of cross) {
    const [a, b] = key.split('\n');
    const share = c / (m * ((counts.get(a) ?? 0) + (counts.get(b) ?? 0)));
    if (share >= minShare) pairs.push({ a, b, share });
  }
  return pairs.sort((x, y) => y.share - x.share);
}

/**
 * Colours for words, in the deck's word order: Tableau's ten (the usual scatter-plot palette, told
 * apart by most eyes), then six darker ones; past 16 words they repeat.
 */
const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#393b79',
  '#637939',
  '#8c6d31',
  '#843c39',
  '#7b4173',
  '#000000',
];

export function wordColour(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length];
}
