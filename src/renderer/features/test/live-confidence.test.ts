import { describe, expect, it } from 'vitest';
import { StableWord } from '../../phone/stable-word';
import { confidenceLine } from './live-confidence';

describe('the line under the big live word', () => {
  it('says how sure of the word shown, and of "Nothing I know"', () => {
    expect(confidenceLine({ waiting: false, quiet: false, figure: 0.874 })).toBe('87% sure');
    expect(confidenceLine({ waiting: false, quiet: true, figure: 0.96 })).toBe('Nothing I know: it stays quiet (96% sure)');
    expect(confidenceLine({ waiting: true, quiet: false, figure: null })).toBe('Looking…');
  });

  it('prints no figure while "Nothing I know" turns into a word, frame by frame as the Test tab reads it', () => {
    // The Test tab's smoothing (4 frames) and hold (3 frames); class 1 is "Nothing I know".
    const s = new StableWord({ window: 4, threshold: 0.6, hold: 3 });
    for (let i = 0; i < 5; i++) s.push([0, 1]);
    const lines: string[] = [];
    for (let i = 0; i < 6; i++) {
      s.push([1, 0]);
      const quiet = s.shown.kind === 'word' && s.shown.index === 1;
      lines.push(confidenceLine({ waiting: false, quiet, figure: s.figure }));
    }
    expect(lines).toEqual([
      'Nothing I know: it stays quiet (75% sure)',
      'Nothing I know: it stays quiet',
      'Nothing I know: it stays quiet',
      'Nothing I know: it stays quiet',
      '100% sure',
      '100% sure',
    ]);
  });
});
