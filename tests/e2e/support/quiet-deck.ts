/**
 * "Quiet fruits": a deck whose words are Apple and Dates and whose "Nothing I know" is trained on
 * the orange photos, so when the fake camera (apple, then orange) shows the orange, screens must
 * stay silent. Made through the studio's API in the project that is open.
 */
import { FRUIT_WORDS, fruitFrames, fruitSources } from '../../../src/test-support/fruits';
import type { StudioConnection } from './studio-client';

export const QUIET_DECK = 'Quiet fruits';

/** A fresh deck (an older one of that name is deleted) with Apple and Dates imported and their words. */
export async function quietDeckWords(studio: StudioConnection): Promise<number> {
  const { api } = studio;
  const old = (await api.listDecks()).find((d) => d.name === QUIET_DECK);
  if (old) await api.deleteDeck({ deckId: old.id });
  const deck = await api.createDeck({ name: QUIET_DECK });
  await studio.waitForJob((await api.startImport({ deckId: deck.id, sources: fruitSources(['Apple', 'Dates']) })).jobId);
  for (const c of await api.listClasses({ deckId: deck.id })) await api.updateClass({ classId: c.id, words: FRUIT_WORDS[c.key] });
  return deck.id;
}

/** The orange photos go into the deck's "Nothing I know" (made if it has none yet), then the deck is trained. */
export async function trainQuietDeck(studio: StudioConnection, deckId: number): Promise<void> {
  const { api } = studio;
  const background = (await api.listClasses({ deckId })).find((c) => c.background) ?? (await api.createBackgroundClass({ deckId }));
  const oranges = fruitFrames('Orange').map((path) => ({ path }));
  await studio.waitForJob((await api.startImport({ deckId, classId: background.id, sources: oranges })).jobId);
  await studio.waitForJob((await api.startTraining({ deckId })).jobId);
}

/** A deck trained with its "Nothing I know": words, then the background. */
export async function quietDeck(studio: StudioConnection): Promise<number> {
  const deckId = await quietDeckWords(studio);
  await trainQuietDeck(studio, deckId);
  return deckId;
}
