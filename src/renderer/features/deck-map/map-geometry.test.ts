import { describe, expect, it } from 'vitest';
import { insidePolygon, wordColour, type Point } from './map-geometry';

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

  it('gives the first words distinct colours', () => {
    expect(new Set(Array.from({ length: 16 }, (_, i) => wordColour(i))).size).toBe(16);
  });
});
