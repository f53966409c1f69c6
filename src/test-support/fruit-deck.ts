/** Helpers for the ML tests: a core with the fruit photos imported, and waiting for jobs. */
import fs from 'node:fs';
import path from 'node:path';
import type { StudioCore } from '../core/index';
import { FRUIT_CLASSES, fruitFrames, fruitSources } from './fruits';
import { runImport, testCore, tempDir, type TestCore } from './test-core';

export { FRUITS, SHARED, tempDir, waitForJob } from './test-core';
export { FRUIT_CLASSES, fruitFrames } from './fruits';

/**
 * Imports frames [from, to) of each class into the deck. One class at a time keeps photo ids in
 * frame order (training's block split relies on it).
 */
export async function importFruits(
  core: StudioCore,
  deckId: number,
  opts: { classes?: readonly string[]; from?: number; to?: number } = {},
): Promise<void> {
  for (const cls of opts.classes ?? FRUIT_CLASSES) {
    await runImport(core, { deckId, sources: fruitSources([cls], opts.from, opts.to) });
  }
}

/** A project with one deck holding frames [from, to) of every fruit class. */
export async function fruitDeck(opts: { from?: number; to?: number; deckName?: string } = {}): Promise<TestCore & { deckId: number }> {
  const t = await testCore();
  const deck = await t.core.api.createDeck({ name: opts.deckName ?? 'Fruits' });
  await importFruits(t.core, deck.id, { from: opts.from, to: opts.to ?? 40 });
  return { ...t, deckId: deck.id };
}

/** A temporary folder of class subfolders holding copies of frames [from, to) of every fruit class (copies: import skips links leading out of the chosen folder). */
export function fruitFolder(from: number, to: number): string {
  const dir = tempDir('magritte-eval-');
  for (const cls of FRUIT_CLASSES) {
    fs.mkdirSync(path.join(dir, cls.toLowerCase()));
    for (const f of fruitFrames(cls).slice(from, to)) fs.copyFileSync(f, path.join(dir, cls.toLowerCase(), path.basename(f)));
  }
  return dir;
}

export type { TestCore };
