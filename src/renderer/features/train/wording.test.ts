import { describe, expect, it } from 'vitest';
import { heldBackCount } from '../../../shared/validation-split';
import { accuracySentence, axisNumber, uncheckedAdvice, backendText, durationText, estimateSplit, percent, planText, versionLabel } from './wording';

describe('wording', () => {
  it('never rounds a model with mistakes up to 100%', () => {
    expect(percent(0.9667)).toBe('97%');
    expect(percent(0.996)).toBe('99%');
    expect(percent(1)).toBe('100%');
  });

  it("adds up the core's held-back count over the words", () => {
    const share = 0.2;
    expect(estimateSplit([10, 10, 11], share)).toEqual({
      train: 31 - heldBackCount(10, share) * 2 - heldBackCount(11, share),
      val: heldBackCount(10, share) * 2 + heldBackCount(11, share),
    });
    expect(estimateSplit([1, 3], share)).toEqual({ train: 4 - heldBackCount(3, share), val: heldBackCount(3, share) });
    expect(estimateSplit([40, 40], 0)).toEqual({ train: 80, val: 0 });
  });

  it('says what Train will do', () => {
    expect(planText(6, { train: 48, val: 12 })).toBe('Learns your 6 words from 48 photos and checks itself on 12 it has not seen.');
    expect(planText(2, { train: 5, val: 0 })).toBe('Learns your 2 words from 5 photos.');
  });

  it('names the backend', () => {
    const info = {
      backend: 'wasm',
      workerBackend: 'wasm',
      featureEngine: null,
      workers: 2,
      simd: true,
      tfjsVersion: '4.22.0',
      preprocessingVersion: 1,
      defaultBaseModelId: 'm',
    } as const;
    expect(backendText(info)).toBe('Computing with WebAssembly with SIMD (2 threads)');
    expect(backendText({ ...info, featureEngine: 'tflite' })).toBe(
      'Computing with WebAssembly with SIMD (2 threads) · photo features with TensorFlow Lite (XNNPACK)',
    );
    expect(backendText({ ...info, featureEngine: 'tfjs' })).toBe('Computing with WebAssembly with SIMD (2 threads) · photo features with TF.js');
    expect(backendText({ ...info, backend: 'cpu', workers: 1 })).toBe('Computing with plain JavaScript (slower) (1 thread)');
  });

  it('reads accuracy in words and numbers', () => {
    expect(accuracySentence(58 / 60, 58, 60)).toBe('97% of the photos it had not seen were recognised (58 of 60).');
    expect(accuracySentence(null, 0, 0)).toMatch(/not known/);
  });

  it('dates versions like a person would', () => {
    const now = new Date(2025, 4, 10, 16, 0);
    const v = {
      id: 3,
      deckId: 1,
      number: 3,
      runId: 'r',
      baseModelId: 'm',
      createdAt: new Date(2025, 4, 10, 14, 2).toISOString(),
      settings: {} as never,
      accuracy: 0.97,
      stopped: 'completed' as const,
      message: null,
      current: true,
    };
    expect(versionLabel(v, now)).toBe('Version 3 · 97% · today at 14:02');
  });

  it('writes a loss axis in quarter steps as they are, not rounded to one decimal', () => {
    expect([0, 0.25, 0.5, 0.75, 1].map(axisNumber)).toEqual(['0', '0.25', '0.5', '0.75', '1']);
    expect(axisNumber(0.1 + 0.2)).toBe('0.3');
    expect(axisNumber(0.005)).toBe('0.005');
    expect(axisNumber(12.5)).toBe('12.5');
  });

  it('guesses how long a run takes', () => {
    expect(durationText(0, 2, 50, 32, 192)).toBe('Takes a few seconds.');
    expect(durationText(240, 2, 50, 32, 192)).toBe('Takes a few seconds.');
    expect(durationText(2400, 2, 50, 32, 1920)).toBe('Takes about 30 seconds.');
    expect(durationText(0, 2, 300, 1, 49)).toBe('Takes about 45 seconds.');
    // 49 photos in 6 views, batch size 1, 300 epochs: the e2e's long run, which lasts 4-5 minutes
    // (about one epoch a second); counting photos instead of views said 45 seconds.
    expect(durationText(0, 2, 300, 1, 49 * 6)).toBe('Takes about 4 minutes.');
    expect(durationText(0, 1, 1000, 1, 200)).toBe('Takes about 10 minutes.');
  });

  it('after a tiny training, says nothing could be checked and asks for photos, not for a share already set', () => {
    expect(accuracySentence(null, 0, 0, 0.2)).toMatch(/^Too few photos to check this model/);
    expect(uncheckedAdvice(0.2)).toMatch(/at least 2 photos/);
    expect(uncheckedAdvice(0.2)).not.toMatch(/above 0/);
    expect(uncheckedAdvice(0)).toMatch(/above 0/);
  });
});
