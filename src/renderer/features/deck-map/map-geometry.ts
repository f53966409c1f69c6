/** Pure geometry of the deck map (no React, no DOM): lasso tests and word colours (which words mix: src/shared/mixed-words.ts). */

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
