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

  it('gives the shown word the same averaged figure as the bars, and no figure while a new reading is held back', () => {
    const s = new StableWord({ window: 2, threshold: 0.6, hold: 3 });
    for (let i = 0; i < 3; i++) s.push(APPLE);
    expect(s.changing).toBe(false);
    expect(s.figure).toBeCloseTo(0.9);
    s.push(ORANGE);
    expect(s.changing).toBe(true);
    // Still apple on screen (orange has not held), with the figure apple was last read with, its own.
    expect(s.shown).toEqual({ kind: 'word', index: 0, probability: 0.9 });
    expect(s.figure).toBeNull();
    expect(s.averaged[0]).toBeCloseTo((0.9 + 0.05) / 2);
    expect(s.averaged[1]).toBeCloseTo((0.05 + 0.9) / 2);
    for (let i = 0; i < 4; i++) s.push(UNSURE);
    expect(s.changing).toBe(false);
    expect(s.shown).toEqual({ kind: 'unsure', probability: Math.max(...s.averaged) });
    expect(s.figure).toBe(Math.max(...s.averaged));
  });

  it('never prints a held word with another figure than its bar: "Nothing I know" turning to "pomme"', () => {
    // The Test tab's window, smoothing and hold; class 2 is the deck's "Nothing I know".
    const s = new StableWord({ window: 4, threshold: 0.6, hold: 3 });
    const QUIET = [0, 0, 1];
    const POMME = [1, 0, 0];
    for (let i = 0; i < 6; i++) s.push(QUIET);
    expect(s.shown).toEqual({ kind: 'word', index: 2, probability: 1 });
    const seen: { shown: number | string; figure: number | null; top: number; changing: boolean }[] = [];
    for (let i = 0; i < 8; i++) {
      s.push(POMME);
      const shown = s.shown.kind === 'word' ? s.shown.index : s.shown.kind;
      const top = s.averaged.indexOf(Math.max(...s.averaged));
      seen.push({ shown, figure: s.figure, top, changing: s.changing });
    }
    // Frames 1 to 4 still show "Nothing I know" (frame 2 averages to "not sure", frames 3 and 4 are
    // pomme holding); from frame 5 pomme, at its own 100%.
    expect(seen.map((r) => r.shown)).toEqual([2, 2, 2, 2, 0, 0, 0, 0]);
    expect(seen.map((r) => r.changing)).toEqual([false, true, true, true, false, false, false, false]);
    // While it changes no figure at all; otherwise the shown word's own, which is then the top bar's.
    expect(seen.map((r) => r.figure)).toEqual([0.75, null, null, null, 1, 1, 1, 1]);
    for (const r of seen.filter((x) => x.figure !== null)) expect(r.top).toBe(r.shown);
  });

  it('keeps "not sure" without the figure of the word taking over', () => {
    const s = new StableWord({ window: 2, threshold: 0.6, hold: 3 });
    for (let i = 0; i < 4; i++) s.push(UNSURE);
    expect(s.shown).toEqual({ kind: 'unsure', probability: 0.4 });
    s.push(APPLE);
    s.push(APPLE);
    // Apple's average is 0.9 now, but it has not held: "not sure" stays, at its own 40%, and no figure is printed.
    expect(s.shown).toEqual({ kind: 'unsure', probability: 0.4 });
    expect(s.figure).toBeNull();
    s.push(APPLE);
    expect(s.shown).toEqual({ kind: 'word', index: 0, probability: 0.9 });
    expect(s.figure).toBe(0.9);
  });
});
