/**
 * A project with a trained, exported "Fruits" deck, made through the studio's own API: the photos
 * of ../shared/data/fruits imported, words in English, French and Spanish, a model trained and
 * exported. Deploy specs start from it.
 */
import type { ProjectInfo } from '../../../src/shared/domain';
import { FRUIT_WORDS, fruitSources } from '../../../src/test-support/fruits';
import type { StudioConnection } from './studio-client';

export interface FruitProject {
  project: ProjectInfo;
  deckId: number;
}

/** Creates the project, imports every fruit photo, sets the words, trains, and (unless told not to) exports. */
export async function makeFruitProject(studio: StudioConnection, opts: { name: string; export?: boolean }): Promise<FruitProject> {
  const { api } = studio;
  const project = await api.createProject({ name: opts.name, languages: ['en', 'fr', 'es'] });
  const deck = await api.createDeck({ name: 'Fruits' });
  await studio.waitForJob((await api.startImport({ deckId: deck.id, sources: fruitSources() })).jobId);
  for (const c of await api.listClasses({ deckId: deck.id })) {
    await api.updateClass({ classId: c.id, words: FRUIT_WORDS[c.key] ?? { en: c.key } });
  }
  await studio.waitForJob((await api.startTraining({ deckId: deck.id })).jobId);
  if (opts.export !== false) {
    await studio.waitForJob((await api.startExport({ deckIds: [deck.id], formats: ['tfjs', 'tflite'] })).jobId);
  }
  return { project, deckId: deck.id };
}
