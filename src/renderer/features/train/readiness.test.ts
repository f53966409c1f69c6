import { describe, expect, it } from 'vitest';
import { readiness } from './readiness';

describe('readiness', () => {
  it('needs two words', () => {
    expect(readiness([]).blocked).toMatch(/at least two words/);
    expect(readiness([{ word: 'apple', photos: 10 }]).blocked).toMatch(/second word/);
  });

  it('names the words that have no photos', () => {
    const r = readiness([
      { word: 'apple', photos: 10 },
      { word: 'mango', photos: 0 },
    ]);
    expect(r.blocked).toBe(
      '“mango” has no photos yet. Add photos on the Photos tab (ten or more each works best), or delete the words you do not need.',
    );
  });

  it('lets a deck with few photos train, with a warning', () => {
    const r = readiness([
      { word: 'apple', photos: 10 },
      { word: 'kiwi', photos: 2 },
    ]);
    expect(r.blocked).toBeNull();
    expect(r.warnings[0]).toMatch(/“kiwi” has fewer than 5 photos/);
    expect(
      readiness([
        { word: 'apple', photos: 10 },
        { word: 'kiwi', photos: 10 },
      ]),
    ).toEqual({ blocked: null, warnings: [] });
  });
});
