import type { MlInfo, ModelVersionSummary } from '../../../shared/api/training';
import { formatWhen, plural } from '../../../shared/format';
import { heldBackCount } from '../../../shared/validation-split';

/** 0.9667 -> "97%". Rounds down from 99.5% so a model with one mistake never reads "100%". */
export function percent(share: number): string {
  const p = Math.round(share * 100);
  return `${p === 100 && share < 1 ? 99 : p}%`;
}

export const photos = (n: number) => plural(n, 'photo');
export const words = (n: number) => plural(n, 'word');

/** What the core computes with, in the teacher's terms: "Computing with WebAssembly (2 threads)". */
export function backendText(info: MlInfo): string {
  const name =
    info.backend === 'tensorflow'
      ? 'TensorFlow (native)'
      : info.backend === 'wasm'
        ? `WebAssembly${info.simd ? ' with SIMD' : ''}`
        : 'plain JavaScript (slower)';
  // Features (the slow part) may run on TensorFlow Lite while training stays on TF.js: say both.
  const features =
    info.featureEngine === 'tflite'
      ? ' · photo features with TensorFlow Lite (XNNPACK)'
      : info.featureEngine === 'tfjs'
        ? ' · photo features with TF.js'
        : '';
  return `Computing with ${name} (${plural(info.workers, 'thread')})${features}`;
}

/** How many photos train and how many are held back, with the core's rule (`heldBackCount` per word). */
export function estimateSplit(counts: number[], share: number): { train: number; val: number } {
  const total = counts.reduce((a, n) => a + n, 0);
  const val = counts.reduce((a, n) => a + heldBackCount(n, share), 0);
  return { train: total - val, val };
}

/**
 * Rough duration in words. Features are the slow part of a first run (about 60 photos a second per
 * thread); after that, the number of batches counts (a few milliseconds each). `trainSamples` is
 * what one epoch learns from: every view of every training photo.
 */
export function durationText(missingFeatures: number, workers: number, epochs: number, batchSize: number, trainSamples: number): string {
  const batches = epochs * Math.ceil(Math.max(1, trainSamples) / Math.max(1, batchSize));
  const seconds = missingFeatures / (60 * Math.max(1, workers)) + 2 + batches * 0.003;
  if (seconds < 12) return 'Takes a few seconds.';
  if (seconds < 50) return `Takes about ${Math.round(seconds / 5) * 5} seconds.`;
  if (seconds < 90) return 'Takes about a minute.';
  return `Takes about ${Math.round(seconds / 60)} minutes.`;
}

/** "Learns your 6 words from 48 photos and checks itself on 12 it has not seen." */
export function planText(classCount: number, split: { train: number; val: number }): string {
  const learn = `Learns your ${words(classCount)} from ${photos(split.train)}`;
  return split.val > 0 ? `${learn} and checks itself on ${split.val} it has not seen.` : `${learn}.`;
}

/** "Version 3 · 97% · today 14:02". */
export function versionLabel(v: ModelVersionSummary, now?: Date): string {
  const acc = v.accuracy === null ? 'not checked' : percent(v.accuracy);
  return `Version ${v.number} · ${acc} · ${formatWhen(v.createdAt, now)}`;
}

/** The headline of a result, as a teacher reads it. */
export function accuracySentence(accuracy: number | null, right: number, n: number, validationShare = 0): string {
  if (accuracy === null || n === 0) return uncheckedSentence(validationShare);
  return `${percent(accuracy)} of the photos it had not seen were recognised (${right} of ${n}).`;
}

/**
 * What to say about a model no photo checked, and what to do. With a share held back set, that
 * happens only when every word has a single photo (one must stay to learn from): asking for a share
 * "above 0" would be wrong advice then.
 */
export function uncheckedAdvice(validationShare: number): string {
  if (validationShare > 0) {
    return 'Each word needs at least 2 photos before one can be held back to check the model, so nothing could be checked this time. Add more photos of each word (ten or more works best) and train again.';
  }
  return 'To check it, set “Photos held back to check” above 0 in Advanced settings and train again.';
}

/** The headline of a model no photo checked. */
export function uncheckedSentence(validationShare: number): string {
  return validationShare > 0
    ? 'Too few photos to check this model: every photo was needed to learn from.'
    : 'No photos were held back to check this model, so how well it recognises new photos is not known.';
}

/** A one-word verdict with advice, so the number means something to a non-expert. */
export function verdict(accuracy: number | null): { label: string; advice: string; tone: 'success' | 'info' | 'warning' } | null {
  if (accuracy === null) return null;
  if (accuracy >= 0.9) return { label: 'Very good', advice: 'Ready to try on a phone.', tone: 'success' };
  if (accuracy >= 0.7)
    return {
      label: 'Good',
      advice: 'Look at the photos it got wrong below: more photos of those words, from other angles, will help.',
      tone: 'info',
    };
  return {
    label: 'Not reliable yet',
    advice: 'Add more photos of each word (ten or more, from different angles and backgrounds), then train again.',
    tone: 'warning',
  };
}

/** A value on a chart's axis as short as it can be without lying: 0.25 stays 0.25 (not 0.3), 1.0 reads 1. */
export function axisNumber(v: number): string {
  return String(Number(v.toPrecision(3)));
}
