import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckMap } from '../../shared/api/deck-map';
import type { Photo } from '../../shared/domain';
import { fruitDeck, fruitFrames, waitForJob, type TestCore } from '../../test-support/fruit-deck';
import { runImport } from '../../test-support/test-core';
import { trainDeck } from '../../test-support/train-deck';
import { variedClothingWord } from '../../test-support/varied-clothing';
import { EmbeddingStore } from '../ml/features/embedding-store';
import { PREPROCESSING_VERSION } from '../ml/features/preprocess';
import { loadDeckVectors } from './deck-vectors';
import { MAP_SEED } from './deck-maps';
import { mixedWords } from '../../shared/mixed-words';
import { neighbourPurity } from './map-quality';
import { projectPoints } from './project-points';
import { seededRandom, shuffleInPlace } from '../ml/training/seeded-random';

/** One project for the file: all 40 frames of each of the six fruits (240 photos). */
describe('the deck map on the fruit photos', () => {
  let t: TestCore & { deckId: number };
  let map: DeckMap;
  let photos: Photo[];
  let wordOf: Map<number, string>;

  beforeAll(async () => {
    t = await fruitDeck({ to: 40 });
    photos = await t.core.api.listPhotos({ deckId: t.deckId });
    wordOf = new Map((await t.core.api.listClasses({ deckId: t.deckId })).map((c) => [c.id, c.key]));
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('arranges a deck never seen before in a job: one dot per photo, inside the unit square', async () => {
    const opened = await t.core.api.openDeckMap({ deckId: t.deckId });
    expect(opened.map).toBeNull();
    expect(opened.jobId).toEqual(expect.any(String));
    const messages = new Set<string>();
    const off = t.core.events.on('job.progress', (p) => p.jobId === opened.jobId && messages.add(p.message.split(':')[0]));
    const t0 = Date.now();
    map = await waitForJob<DeckMap>(t.core, opened.jobId!);
    off();
    console.log(`deck map of ${photos.length} photos: ${Date.now() - t0} ms in all, ${map.computeMs} ms arranging`);
    expect(map.points).toHaveLength(240);
    expect(new Set(map.points.map((p) => p.sha256))).toEqual(new Set(photos.map((p) => p.sha256)));
    expect(map.unplaced).toEqual([]);
    for (const p of map.points) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(1);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(1);
    }
    expect([...messages].some((m) => m.startsWith('Step 1 of 2'))).toBe(true);
    expect([...messages].some((m) => m.startsWith('Step 2 of 2'))).toBe(true);
  });

  it('is deterministic: the same seed places every photo in the same spot, another seed elsewhere', async () => {
    const vectors = loadDeckVectors(t.core.context.session.require().db, t.deckId, map.baseModelId);
    const units = vectors.withFeatures.map((v) => v.unit);
    const again = await projectPoints(units, { seed: MAP_SEED });
    const place = new Map(map.points.map((p) => [p.sha256, [p.x, p.y]]));
    expect(again).toEqual(vectors.withFeatures.map((v) => place.get(v.photo.sha256)));
    const other = await projectPoints(units, { seed: MAP_SEED + 1 });
    expect(other).not.toEqual(again);
  });

  it('keeps visually distinct words apart: apple and beetroot dots are nearly all among their own', () => {
    const place = new Map(map.points.map((p) => [p.sha256, [p.x, p.y] as [number, number]]));
    const two = photos.filter((p) => ['Apple', 'Beetroot'].includes(wordOf.get(p.classId)!));
    const points = two.map((p) => place.get(p.sha256)!);
    const labels = two.map((p) => wordOf.get(p.classId)!);
    const purity = neighbourPurity(points, labels, 5);
    const shuffled = neighbourPurity(points, shuffleInPlace([...labels], seededRandom(1)), 5);
    const all = neighbourPurity(
      photos.map((p) => place.get(p.sha256)!),
      photos.map((p) => wordOf.get(p.classId)!),
      5,
    );
    console.log(
      `5-NN purity on the map: apple/beetroot ${purity.toFixed(3)} (shuffled words ${shuffled.toFixed(3)}), all six words ${all.toFixed(3)}`,
    );
    expect(purity).toBeGreaterThanOrEqual(0.95);
    expect(shuffled).toBeLessThan(0.65);
  });

  it('says no two fruits mix, and names apple photos filed half under "Apple", half under "Pomme"', () => {
    const place = new Map(map.points.map((p) => [p.sha256, [p.x, p.y] as [number, number]]));
    const points = photos.map((p) => place.get(p.sha256)!);
    const labels = photos.map((p) => wordOf.get(p.classId)!);
    expect(mixedWords(points, labels)).toEqual([]);
    // The same dots (placement depends on the photos only), every other apple photo filed as "Pomme".
    let apples = 0;
    const twice = labels.map((l) => (l === 'Apple' && apples++ % 2 === 1 ? 'Pomme' : l));
    const mixed = mixedWords(points, twice);
    console.log(`apple photos under two words: mixing ${mixed[0]?.mixing.toFixed(2)} (${mixed[0]?.links} links)`);
    expect(mixed.map((p) => [p.a, p.b])).toEqual([['Apple', 'Pomme']]);
  });

  it('opens at once after photos move (same places) or go; a new photo arranges the deck again', async () => {
    const { api } = t.core;
    const classes = await api.listClasses({ deckId: t.deckId });
    const apple = photos.find((p) => wordOf.get(p.classId) === 'Apple')!;
    await api.movePhotos({ photoIds: [apple.id], classId: classes.find((c) => c.key === 'Mango')!.id });
    const moved = await api.openDeckMap({ deckId: t.deckId });
    expect(moved.jobId).toBeNull();
    expect(moved.map?.points).toEqual(map.points);
    await api.movePhotos({ photoIds: [apple.id], classId: apple.classId });

    const { undoToken } = await api.deletePhotos({ photoIds: [apple.id] });
    const deleted = await api.openDeckMap({ deckId: t.deckId });
    expect(deleted.map?.points).toEqual(map.points.filter((p) => p.sha256 !== apple.sha256));
    await api.undoDelete({ undoToken });

    const extra = await api.createClass({ deckId: t.deckId, key: 'Hat' });
    const hat = path.join(variedClothingWord('hat'), '00d94e21-5891-492e-be0e-792e7338c077.jpg');
    await runImport(t.core, { deckId: t.deckId, classId: extra.id, sources: [{ path: hat }] });
    const grown = await api.openDeckMap({ deckId: t.deckId });
    expect(grown.map).toBeNull();
    const again = await waitForJob<DeckMap>(t.core, grown.jobId!);
    expect(again.points).toHaveLength(241);
    await api.deleteClass({ classId: extra.id });
  });
});

describe('"why this word?": the nearest photos of a word', () => {
  let t: TestCore & { deckId: number };
  let photos: Photo[];
  let wordOf: Map<number, string>;
  const words = ['Apple', 'Beetroot', 'Dates', 'Mango', 'Orange', 'Pomegranate'];

  beforeAll(async () => {
    t = await fruitDeck({ to: 40 });
    await trainDeck(t.core, t.deckId, { augmentation: false, epochs: 5 });
    photos = await t.core.api.listPhotos({ deckId: t.deckId });
    wordOf = new Map((await t.core.api.listClasses({ deckId: t.deckId })).map((c) => [c.id, c.key]));
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("finds a photo's own burst neighbours, of its own word, nearest of all", async () => {
    let sameWord = 0;
    let burst = 0;
    let chance = 0;
    for (const p of photos) {
      const answer = await t.core.api.findSimilarPhotos({ deckId: t.deckId, query: { photoId: p.id }, classKeys: words, count: 1 });
      expect(answer.groups.map((g) => g.classKey)).toEqual(words);
      const best = answer.groups.flatMap((g) => g.photos.map((ph) => ({ ...ph, word: g.classKey }))).sort((a, b) => b.similarity - a.similarity)[0];
      expect(best.photoId).not.toBe(p.id);
      if (best.word === wordOf.get(p.classId)) sameWord++;
      // Photos of a word were imported frame by frame, so ids at most two apart are frames of one burst.
      const near = (id: number) => id !== p.id && Math.abs(id - p.id) <= 2;
      if (best.word === wordOf.get(p.classId) && near(best.photoId)) burst++;
      // What a photo of its word picked at random would score.
      const mates = photos.filter((x) => x.classId === p.classId && x.id !== p.id);
      chance += mates.filter((x) => near(x.id)).length / mates.length;
    }
    console.log(
      `nearest photo: same word ${sameWord}/${photos.length}, a frame at most 2 apart ${burst}/${photos.length} (by chance ${chance.toFixed(1)})`,
    );
    expect(sameWord / photos.length).toBeGreaterThanOrEqual(0.98);
    expect(burst).toBeGreaterThanOrEqual(3 * chance);
  });

  it('given features the window computed, finds the photo they came from first, in the order of the words asked', async () => {
    const { baseModelId } = (await t.core.api.listModelVersions({ deckId: t.deckId }))[0];
    const store = new EmbeddingStore(t.core.context.session.require().db, { baseModelId, preprocessing: PREPROCESSING_VERSION });
    const dates = photos.find((p) => wordOf.get(p.classId) === 'Dates')!;
    const features = Array.from(store.getMany([dates.sha256], 'orig').get(dates.sha256)!);
    const answer = await t.core.api.findSimilarPhotos({ deckId: t.deckId, query: { features }, classKeys: ['Dates', 'Mango'], count: 3 });
    expect(answer.groups.map((g) => g.classKey)).toEqual(['Dates', 'Mango']);
    expect(answer.groups[0].photos[0]).toMatchObject({ photoId: dates.id, sha256: dates.sha256 });
    expect(answer.groups[0].photos[0].similarity).toBeCloseTo(1, 5);
    expect(answer.groups[1].photos).toHaveLength(3);
    expect(answer.groups[1].photos.every((p) => wordOf.get(photos.find((x) => x.id === p.photoId)!.classId) === 'Mango')).toBe(true);
    expect(answer.groups[1].photos[0].similarity).toBeLessThan(answer.groups[0].photos[1].similarity);
    expect(answer.notCompared).toBe(0);
  });

  it('answers "Try a photo" with the nearest photos of its first and second word', async () => {
    const mango = fruitFrames('Mango')[39];
    const [result] = await t.core.api.classifyPhotos({ deckId: t.deckId, sources: [{ path: mango }] });
    expect(result.top[0].key).toBe('Mango');
    expect(result.similar?.groups.map((g) => g.classKey)).toEqual([result.top[0].key, result.top[1].key]);
    // That very frame is in the deck: it is the nearest Mango photo, alike in every feature.
    const inDeck = photos.find((p) => p.originalName === path.basename(mango))!;
    expect(result.similar?.groups[0].photos[0].photoId).toBe(inDeck.id);
    expect(result.similar?.groups[0].photos[0].similarity).toBeCloseTo(1, 4);
    expect(result.similar?.groups[1].photos.length).toBeGreaterThan(0);
  });

  it('refuses features that are not finite numbers of the right length, and words the deck lacks', async () => {
    const { api } = t.core;
    const ask = (query: unknown, classKeys = ['Apple']) =>
      api.findSimilarPhotos({ deckId: t.deckId, query, classKeys } as Parameters<typeof api.findSimilarPhotos>[0]);
    await expect(ask({ features: new Array(255).fill(0.5) })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(ask({ features: [...new Array(255).fill(0.5), NaN] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(ask({ features: [...new Array(255).fill(0.5), Infinity] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(ask({ features: [...new Array(255).fill(0.5), '1'] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(ask({ features: new Array(5000).fill(0.5) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(ask({ photoId: photos[0].id, features: [1] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(ask({ photoId: photos[0].id }, ['Kiwi'])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('Kiwi'),
    });
    await expect(ask({ photoId: 999_999 })).rejects.toMatchObject({ code: 'PHOTO_NOT_FOUND' });
    const untrained = await api.createDeck({ name: 'Empty' });
    await expect(api.findSimilarPhotos({ deckId: untrained.id, query: { photoId: photos[0].id }, classKeys: ['Apple'] })).rejects.toMatchObject({
      code: 'NOT_TRAINED',
    });
  });
});
