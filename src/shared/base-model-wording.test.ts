import { describe, expect, it } from 'vitest';
import { locationText, sizeText } from './base-model-wording';

describe('base model wording', () => {
  it('says where a base model is in plain words', () => {
    expect(locationText({ location: 'cache' })).toBe('on this computer');
    expect(locationText({ location: 'models-path' })).toBe('on this computer');
    expect(locationText({ location: 'download', downloadBytes: 1951543 })).toBe('downloads on first use (2 MB)');
    expect(locationText({ location: 'download' })).toBe('downloads on first use');
    expect(locationText({ location: 'missing' })).toBe('missing');
  });

  it('rounds sizes the way a teacher reads them', () => {
    expect(sizeText(1951543)).toBe('2 MB');
    expect(sizeText(1_450_000)).toBe('1.5 MB');
    expect(sizeText(17_000_000)).toBe('17 MB');
    expect(sizeText(350_000)).toBe('350 KB');
    expect(sizeText(12)).toBe('1 KB');
  });
});
