import { describe, expect, it } from 'vitest';
import { rankClassesKeeping } from './ranking';

const LABELS = ['Apple', 'Beetroot', 'Orange', 'Pomegranate'];
const WORDS = { Apple: { fr: 'pomme' }, Beetroot: { fr: 'betterave' }, Orange: { fr: 'orange' }, Pomegranate: { fr: 'grenade' } };

describe('bars beside the big word', () => {
  it('are the top three when the shown word is among them', () => {
    const top = rankClassesKeeping([0.7, 0.2, 0.06, 0.04], LABELS, WORDS, 3, 0);
    expect(top.map((r) => r.key)).toEqual(['Apple', 'Beetroot', 'Orange']);
  });
  it('keep the held word on the last bar when it has left the top three', () => {
    // The feed turned from orange to apple: "orange" is still shown while apple holds.
    const top = rankClassesKeeping([0.9, 0.05, 0.01, 0.04], LABELS, WORDS, 3, 2);
    expect(top.map((r) => [r.key, r.probability])).toEqual([
      ['Apple', 0.9],
      ['Beetroot', 0.05],
      ['Orange', 0.01],
    ]);
  });
  it('are the plain top three when no word is shown ("not sure")', () => {
    const top = rankClassesKeeping([0.4, 0.3, 0.2, 0.1], LABELS, WORDS, 3, null);
    expect(top.map((r) => r.key)).toEqual(['Apple', 'Beetroot', 'Orange']);
  });
});
