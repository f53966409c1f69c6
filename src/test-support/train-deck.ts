/**
 * Test and bench support: a deck of real fruit photos with words in every project language,
 * imported and trained through the core's own API (the same path a teacher's clicks take).
 */
import type { TrainingRunResult, TrainingSettings } from '../shared/api/training';
import type { StudioCore } from '../core/index';
import { importFruits, waitForJob } from './fruit-deck';
import { FRUIT_CLASSES, FRUIT_WORDS } from './fruits';

/** Imports the first `perClass` frames of the given fruit classes into a new deck, with words. */
export async function fruitDeck(core: StudioCore, name: string, perClass: number, classes = FRUIT_CLASSES): Promise<number> {
  const deck = await core.api.createDeck({ name });
  await importFruits(core, deck.id, { classes, to: perClass });
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
