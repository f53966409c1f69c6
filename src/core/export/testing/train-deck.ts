/**
 * Test and bench support: a deck of real fruit photos with words in every project language,
 * imported and trained through the core's own API (the same path a teacher's clicks take).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TrainingRunResult, TrainingSettings } from '../../../shared/api/training';
import type { StudioCore } from '../../index';
import { waitForJob } from '../../ml/test-helpers';
import { runImport } from '../../store/test-helpers';
import { FRUIT_CLASSES, FRUITS_DIR } from './fixtures';

export const FRUIT_WORDS: Record<string, Record<string, string>> = {
  Apple: { en: 'apple', fr: 'pomme', es: 'manzana' },
  Beetroot: { en: 'beetroot', fr: 'betterave', es: 'remolacha' },
  Dates: { en: 'dates', fr: 'dattes', es: 'dátiles' },
  Mango: { en: 'mango', fr: 'mangue', es: 'mango' },
  Orange: { en: 'orange', fr: 'orange', es: 'naranja' },
  Pomegranate: { en: 'pomegranate', fr: 'grenade', es: 'granada' },
};

/** Imports the first `perClass` frames of the given fruit classes into a new deck, with words. */
export async function fruitDeck(core: StudioCore, name: string, perClass: number, classes = FRUIT_CLASSES): Promise<number> {
  const deck = await core.api.createDeck({ name });
  // One class at a time keeps photo ids in frame order (training's block split relies on it).
  for (const c of classes) {
    const sources = fs
      .readdirSync(path.join(FRUITS_DIR, c))
      .filter((f) => /\.jpe?g$/i.test(f))
      .sort()
      .slice(0, perClass)
      .map((f) => ({ path: path.join(FRUITS_DIR, c, f), relativePath: `${c}/${f}` }));
    await runImport(core, { deckId: deck.id, sources });
  }
  const info = core.context.session.require().info();
  const langs = [info.sourceLanguage, ...info.targetLanguages];
  for (const c of await core.api.listClasses({ deckId: deck.id })) {
    await core.api.updateClass({ classId: c.id, words: Object.fromEntries(langs.map((l) => [l, FRUIT_WORDS[c.key]?.[l] ?? c.key])) });
  }
  return deck.id;
}

/** Trains the deck with the studio's training job and waits for the new version. */
export async function trainDeck(core: StudioCore, deckId: number, settings?: Partial<TrainingSettings>): Promise<TrainingRunResult> {
  const { jobId } = await core.api.startTraining({ deckId, settings });
  return waitForJob<TrainingRunResult>(core, jobId);
}
