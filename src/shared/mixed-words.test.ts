import { describe, expect, it } from 'vitest';
import { mixedWords, type MapXY } from './mixed-words';

/** `count` dots of one word on a small grid around (x, y). */
function cloud(x: number, y: number, count: number, word: (i: number) => string): { points: MapXY[]; labels: string[] } {
  const points: MapXY[] = [];
  const labels: string[] = [];
  for (let i = 0; i < count; i++) {
    points.push([x + (i % 5) * 0.01, y + Math.floor(i / 5) * 0.01]);
    labels.push(word(i));
  }
  return { points, labels };
}

function deck(...clouds: { points: MapXY[]; labels: string[] }[]) {
  return { points: clouds.flatMap((c) => c.points), labels: clouds.flatMap((c) => c.labels) };
}

describe('which words mix on the map', () => {
  it('names the words whose dots mix, and not the ones apart', () => {
    // Dates and mango share one cloud (alternating on a small grid); apple sits far away.
    const d = deck(
      cloud(0.1, 0.1, 40, (i) => (i % 2 === 0 ? 'dates' : 'mango')),
      cloud(0.9, 0.9, 20, () => 'apple'),
    );
    const mixed = mixedWords(d.points, d.labels);
    expect(mixed.map((m) => [m.a, m.b])).toEqual([['dates', 'mango']]);
    // Shuffled through each other, about as mixed as chance.
    expect(mixed[0].mixing).toBeGreaterThan(0.7);
  });

  it('finds no link between two groups apart, however few photos (four nearest: only three of its own)', () => {
    const d = deck(
      cloud(0.1, 0.1, 4, () => 'apple'),
      cloud(0.9, 0.9, 4, () => 'orange'),
    );
    expect(mixedWords(d.points, d.labels, { minPhotos: 0, minMixing: 0 })).toEqual([]);
  });

  it('judges no word of fewer than ten photos, even thoroughly mixed', () => {
    const nine = cloud(0.5, 0.5, 18, (i) => (i % 2 === 0 ? 'apple' : 'pomme'));
    expect(mixedWords(nine.points, nine.labels)).toEqual([]);
    const ten = cloud(0.5, 0.5, 20, (i) => (i % 2 === 0 ? 'apple' : 'pomme'));
    expect(mixedWords(ten.points, ten.labels).map((m) => [m.a, m.b])).toEqual([['apple', 'pomme']]);
  });

  it('compares with chance: ten photos shuffled among forty of another word mix as much as 25 among 25', () => {
    const even = cloud(0, 0, 50, (i) => (i % 2 === 0 ? 'apple' : 'pomme'));
    const uneven = cloud(0, 0, 50, (i) => (i % 5 === 2 ? 'apple' : 'pomme'));
    const [a] = mixedWords(even.points, even.labels);
    const [b] = mixedWords(uneven.points, uneven.labels);
    console.log(`mixing: 25 among 25 ${a.mixing.toFixed(2)}, 10 among 40 ${b.mixing.toFixed(2)}`);
    expect(a.mixing).toBeGreaterThan(0.7);
    expect(b.mixing).toBeGreaterThan(0.7);
  });
});
