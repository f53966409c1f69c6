/** Helpers for the ML tests: a core with the fruit photos imported, and waiting for jobs. */
import fs from 'node:fs';
import path from 'node:path';
import type { StudioCore } from '../index';
import { FRUITS, runImport, testCore, tempDir, type TestCore } from '../store/test-helpers';

export { FRUITS, SHARED, tempDir } from '../store/test-helpers';

export const FRUIT_CLASSES = ['Apple', 'Beetroot', 'Dates', 'Mango', 'Orange', 'Pomegranate'];

/** The frames of one fruit class, in capture order (the file names are timestamps). */
export function fruitFrames(cls: string): string[] {
  return fs
    .readdirSync(path.join(FRUITS, cls))
    .filter((f) => f.endsWith('.jpg'))
    .sort()
    .map((f) => path.join(FRUITS, cls, f));
}

/** A project with one deck holding frames [from, to) of every fruit class. */
export async function fruitDeck(opts: { from?: number; to?: number; deckName?: string } = {}): Promise<TestCore & { deckId: number }> {
  const t = await testCore();
  const deck = await t.core.api.createDeck({ name: opts.deckName ?? 'Fruits' });
  const sources = FRUIT_CLASSES.flatMap((cls) =>
    fruitFrames(cls)
      .slice(opts.from ?? 0, opts.to ?? 40)
      .map((file) => ({ path: file, relativePath: `${cls}/${path.basename(file)}` })),
  );
  // One class at a time keeps photo ids in frame order (the block split relies on it).
  for (const cls of FRUIT_CLASSES) {
    await runImport(t.core, { deckId: deck.id, sources: sources.filter((s) => s.relativePath.startsWith(`${cls}/`)) });
  }
  return { ...t, deckId: deck.id };
}

/** A temporary folder of class subfolders linking to frames [from, to) of every fruit class. */
export function fruitFolder(from: number, to: number): string {
  const dir = tempDir('magritte-eval-');
  for (const cls of FRUIT_CLASSES) {
    fs.mkdirSync(path.join(dir, cls.toLowerCase()));
    for (const f of fruitFrames(cls).slice(from, to)) fs.symlinkSync(f, path.join(dir, cls.toLowerCase(), path.basename(f)));
  }
  return dir;
}

/** Waits for a job to end: its result, or a rejection carrying the error payload's code. */
export function waitForJob<T = unknown>(core: StudioCore, jobId: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const offOk = core.events.on('job.finished', (e) => {
      if (e.jobId !== jobId) return;
      offOk();
      offFail();
      resolve(e.result as T);
    });
    const offFail = core.events.on('job.failed', (e) => {
      if (e.jobId !== jobId) return;
      offOk();
      offFail();
      reject(Object.assign(new Error(`${e.error.code}: ${e.error.message}`), { code: e.error.code, cancelled: e.cancelled, payload: e.error }));
    });
  });
}

export type { TestCore };
