import { describe, expect, it } from 'vitest';
import { seededRandom } from '../ml/training/seeded-random';
import type { CheckInput, CheckPhoto, DoctorMemory } from './check-types';
import { ownWordSimilarity } from './labels';
import { nearestNeighbours, unit } from './neighbours';

const DIM = 64;
const WORDS = 4;

/**
 * What a check remembers for the next one (each photo's nearest photos, in the deck and in its
 * word) must give exactly what computing everything again gives, after photos were deleted,
 * moved to another word and added. Features are drawn around one direction per word.
 */
describe('a re-check computes only what changed, and gets the same answer', () => {
  const random = seededRandom(7);
  const centres = Array.from({ length: WORDS }, () => Float32Array.from({ length: DIM }, () => random()));
  let made = 0;
  const features = new Map<string, Float32Array>();
  const photo = (word: number): CheckPhoto => {
    const sha = `sha-${made}`;
    const id = ++made;
    features.set(sha, unit(centres[word].map((v) => v + (random() - 0.5) * 0.9)));
    return { id, sha256: sha, file: `${id}.jpg`, classId: word + 1, classKey: `w${word}`, width: 640, height: 480 };
  };
  const classes = Array.from({ length: WORDS }, (_, w) => ({ id: w + 1, key: `w${w}` }));
  const input = (photos: CheckPhoto[], memory?: DoctorMemory): CheckInput => ({
    classes,
    photos,
    stats: new Map(),
    features,
    memory,
    throwIfCancelled: () => undefined,
  });
  const fresh = (): DoctorMemory => ({ cropVerdicts: new Map(), neighbours: null, ownWord: new Map() });

  it('gives the same nearest photos and own-word likeness as a check from scratch', async () => {
    let photos = Array.from({ length: 400 }, (_, i) => photo(i % WORDS));
    const memory = fresh();
    await nearestNeighbours(input(photos, memory));
    await ownWordSimilarity(input(photos, memory), new Set());
    const remembered = memory.neighbours!.shas.length;
    expect(remembered).toBe(400);

    // A teacher's session: some photos deleted, some moved to another word, some added.
    photos = photos.filter((_, i) => i % 13 !== 5);
    // Most of one word gone: its photos' remembered lists are too short to trust, and are redone.
    photos = photos.filter((p, i) => !(p.classId === 1 && i % 10 < 8));
    photos = photos.map((p, i) => (i % 17 === 3 ? { ...p, classId: ((p.classId % WORDS) + 1) as number, classKey: `w${p.classId % WORDS}` } : p));
    photos = [...photos, ...Array.from({ length: 30 }, (_, i) => photo(i % WORDS))];

    const withMemory = await nearestNeighbours(input(photos, memory));
    const fromScratch = await nearestNeighbours(input(photos, fresh()));
    expect(withMemory.ids.map((a) => [...a])).toEqual(fromScratch.ids.map((a) => [...a]));
    expect(withMemory.sims.map((a) => [...a])).toEqual(fromScratch.sims.map((a) => [...a]));
    const partners = new Set(['0,1', '10,20']);
    expect(await ownWordSimilarity(input(photos, memory), partners)).toEqual(await ownWordSimilarity(input(photos, fresh()), partners));
  });
});
