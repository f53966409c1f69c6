import { describe, expect, it } from 'vitest';
import { insidePolygon, mixedWords, wordColour, type Point } from './map-geometry';

describe('deck map geometry', () => {
  it('tells a point inside a lasso from one outside, for a concave lasso too', () => {
    // A "U": the notch between its arms is outside.
    const u: Point[] = [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
    ];
    expect(insidePolygon([0.5, 2], u)).toBe(true);
    expect(insidePolygon([2.5, 2], u)).toBe(true);
    expect(insidePolygon([1.5, 2], u)).toBe(false);
    expect(insidePolygon([4, 1], u)).toBe(false);
    expect(insidePolygon([1, 1], [])).toBe(false);
  });

  it('names the words whose dots mix, and not the ones apart', () => {
    const points: Point[] = [];
    const labels: string[] = [];
    // Dates and mango share one cloud (alternating on a small grid); apple sits far away.
    for (let i = 0; i < 20; i++) {
      points.push([0.1 + (i % 5) * 0.01, 0.1 + Math.floor(i / 5) * 0.01]);
      labels.push(i % 2 === 0 ? 'dates' : 'mango');
      points.push([0.9 + (i % 5) * 0.01, 0.9 + Math.floor(i / 5) * 0.01]);
      labels.push('apple');
    }
    const mixed = mixedWords(points, labels);
    expect(mixed).toHaveLength(1);
    expect([mixed[0].a, mixed[0].b]).toEqual(['dates', 'mango']);
    expect(mixed[0].share).toBeGreaterThan(0.3);
  });

  it('gives the first words distinct colours', () => {
    expect(new Set(Array.from({ length: 16 }, (_, i) => wordColour(i))).size).toBe(16);
  });
});
