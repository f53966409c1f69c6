/** Shared by the ML benches: the fruit photos in frame order, and where the base model is. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FRUIT_CLASSES, fruitFrames } from '../src/test-support/fruits';
import { waitForJob } from '../src/test-support/test-core';
import type { StudioCore } from '../src/core/index';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = path.resolve(ROOT, '../shared');
export const FRUITS = path.join(SHARED, 'data/fruits');
export const MODELS = path.join(SHARED, 'models');

export interface FruitPhoto {
  file: string;
  cls: number;
  /** Position in its class's burst (0-39). */
  frame: number;
}

export function fruitPhotos(): { labels: string[]; photos: FruitPhoto[] } {
  const labels = [...FRUIT_CLASSES];
  const photos = labels.flatMap((label, cls) => fruitFrames(label).map((file, frame) => ({ file, cls, frame })));
  return { labels, photos };
}

/** Median ms of `runs` calls of `body` (synchronous work: SQLite reads and the like). */
export function medianMs(runs: number, body: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    body();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

export function emit(bench: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ bench, value: Number(value.toFixed(3)), unit, ...extra })}\n`);
}

/**
 * Lets the deck doctor's check, which an import starts by itself after a moment, run before anything
 * is timed: otherwise it decodes every photo alongside the engine being measured. Only with the
 * features already cached (none here), so no feature is computed before the measured job. With its
 * report fresh, starting a training starts no other check.
 */
export async function settleDoctor(core: StudioCore, deckId: number): Promise<void> {
  await waitForJob(core, (await core.api.startDoctor({ deckId, computeFeatures: false })).jobId);
}
