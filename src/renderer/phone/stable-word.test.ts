import { describe, expect, it } from 'vitest';
import { StableWord } from './stable-word';

const APPLE = [0.9, 0.05, 0.05];
const ORANGE = [0.05, 0.9, 0.05];
const UNSURE = [0.4, 0.35, 0.25];

describe('the word a pupil sees', () => {
  it('shows a word only after it has held for a few frames, and says when it changed', () => {
    const s = new StableWord({ window: 1, threshold: 0.6, hold: 3 });
    expect(s.push(APPLE)).toBe(false);
    expect(s.push(APPLE)).toBe(false);
    expect(s.shown.kind).toBe('waiting');
    expect(s.push(APPLE)).toBe(true);
    expect(s.shown).toMatchObject({ kind: 'word', index: 0 });
    // Holding steady is not a change (so it is spoken once).
    expect(s.push(APPLE)).toBe(false);
  });

  it('ignores one odd frame', () => {
    const s = new StableWord({ window: 1, threshold: 0.6, hold: 3 });
    for (let i = 0; i < 3; i++) s.push(APPLE);
    expect(s.push(ORANGE)).toBe(false);
    expect(s.push(APPLE)).toBe(false);
    expect(s.shown).toMatchObject({ kind: 'word', index: 0 });
    for (let i = 0; i < 2; i++) expect(s.push(ORANGE)).toBe(false);
    expect(s.push(ORANGE)).toBe(true);
    expect(s.shown).toMatchObject({ kind: 'word', index: 1 });
  });

  it('says "not sure" below the threshold, averaged over recent frames', () => {
    const s = new StableWord({ window: 2, threshold: 0.6, hold: 2 });
    s.push(UNSURE);
    expect(s.push(UNSURE)).toBe(true);
    expect(s.shown.kind).toBe('unsure');
    // One confident frame averaged with an unsure one is still under the threshold.
    expect(s.push([0.75, 0.2, 0.05])).toBe(false);
    expect(s.shown.kind).toBe('unsure');
  });

  it('gives the shown word the same averaged figure as the bars, even while a new reading is held back', () => {
    const s = new StableWord({ window: 2, threshold: 0.6, hold: 3 });
    for (let i = 0; i < 3; i++) s.push(APPLE);
    expect(s.changing).toBe(false);
    s.push(ORANGE);
    expect(s.changing).toBe(true);
    // Still apple on screen (orange has not held), at apple's average over the last two frames.
    expect(s.shown).toEqual({ kind: 'word', index: 0, probability: s.averaged[0] });
    expect(s.averaged[0]).toBeCloseTo((0.9 + 0.05) / 2);
    expect(s.averaged[1]).toBeCloseTo((0.05 + 0.9) / 2);
    for (let i = 0; i < 4; i++) s.push(UNSURE);
    expect(s.shown).toEqual({ kind: 'unsure', probability: Math.max(...s.averaged) });
  });
});
