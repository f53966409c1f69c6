import { describe, expect, it } from 'vitest';
import { locationText } from './base-model-wording';

describe('base model wording', () => {
  it('says where a base model is in plain words', () => {
    expect(locationText({ location: 'cache' })).toBe('on this computer');
    expect(locationText({ location: 'models-path' })).toBe('on this computer');
    expect(locationText({ location: 'download', downloadBytes: 1951543 })).toBe('downloads on first use (1.9 MB)');
    expect(locationText({ location: 'download' })).toBe('downloads on first use');
    expect(locationText({ location: 'missing' })).toBe('missing');
  });
});
