import { describe, expect, it } from 'vitest';
import { fewPhotosWarning } from './balance';

describe('fewPhotosWarning', () => {
  it('warns when a class has less than half the usual count', () => {
    expect(fewPhotosWarning(3, [40, 38, 42])).toMatch(/Only 3 photos; the other words have about 40/);
    expect(fewPhotosWarning(0, [40, 40])).toMatch(/No photos yet/);
  });
  it('stays quiet for balanced or tiny decks', () => {
    expect(fewPhotosWarning(30, [40, 38, 42])).toBeNull();
    expect(fewPhotosWarning(1, [2, 3])).toBeNull();
    expect(fewPhotosWarning(5, [])).toBeNull();
  });
});
