import { describe, expect, it } from 'vitest';
import { heldBackCount } from './validation-split';

describe('heldBackCount', () => {
  it('holds back round(n x share) photos of a word', () => {
    expect(heldBackCount(10, 0.2)).toBe(2);
    expect(heldBackCount(11, 0.2)).toBe(2);
    expect(heldBackCount(13, 0.2)).toBe(3);
    expect(heldBackCount(40, 0.25)).toBe(10);
  });

  it('holds back at least one, keeps at least one to learn from, and none when asked for none', () => {
    expect(heldBackCount(3, 0.1)).toBe(1);
    expect(heldBackCount(2, 0.9)).toBe(1);
    expect(heldBackCount(1, 0.5)).toBe(0);
    expect(heldBackCount(40, 0)).toBe(0);
  });
});
