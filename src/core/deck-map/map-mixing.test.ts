import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeckMap } from '../../shared/api/deck-map';
import { mixedWords, type MixedPair } from '../../shared/mixed-words';
import { fruitFrames, waitForJob } from '../../test-support/fruit-deck';
import { runImport, testCore, type TestCore } from '../../test-support/test-core';
import { variedClothingWord } from '../../test-support/varied-clothing';

/** The map's "X and Y mix" warning judged on maps the core arranges from real photos. */
describe('which words the deck map says mix', () => {
  let t: TestCore | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  /** A deck of these words and photos, and its map: each dot's place and word. */
  async function mapOfDeck(words: Record<string, string[]>) {
    t = await testCore();
    const deck = await t.core.api.createDeck({ name: 'Deck' });
    for (const [key, files] of Object.entries(words)) {
      const c = await t.core.api.createClass({ deckId: deck.id, key });
      await runImport(t.core, { deckId: deck.id, classId: c.id, sources: files.map((f) => ({ path: f })) });
    }
    const opened = await t.core.api.openDeckMap({ deckId: deck.id });
    const map = await waitForJob<DeckMap>(t.core, opened.jobId!);
    const photos = await t.core.api.listPhotos({ deckId: deck.id });
    const wordOf = new Map((await t.core.api.listClasses({ deckId: deck.id })).map((c) => [c.id, c.key]));
    const place = new Map(map.points.map((p) => [p.sha256, [p.x, p.y] as [number, number]]));
    expect(map.points).toHaveLength(photos.length);
    return { points: photos.map((p) => place.get(p.sha256)!), labels: photos.map((p) => wordOf.get(p.classId)!) };
  }

  const named = (pairs: MixedPair[]) => pairs.map((p) => `${p.a}/${p.b}`);

  it('says nothing mixes on a tiny deck (4 apples, 4 oranges), and still names a real mix from 10 photos a word', async () => {
    // The first four photos of each, as the Photos tab's e2e drops them.
    const tiny = await mapOfDeck({ Apple: fruitFrames('Apple').slice(0, 4), Orange: fruitFrames('Orange').slice(0, 4) });
    const unguarded = mixedWords(tiny.points, tiny.labels, { minPhotos: 0, minMixing: 0 })[0];
    console.log(`tiny deck: Apple/Orange would score ${unguarded?.mixing.toFixed(2) ?? 0} (${unguarded?.links ?? 0} links) without the minimum`);
    expect(mixedWords(tiny.points, tiny.labels)).toEqual([]);
    await t?.dispose();
    // Twenty apple photos filed alternately under two words: a real mix, at the smallest size judged.
    const apples = fruitFrames('Apple').slice(0, 20);
    const small = await mapOfDeck({
      Apple: apples.filter((_, i) => i % 2 === 0),
      Pomme: apples.filter((_, i) => i % 2 === 1),
      Orange: fruitFrames('Orange').slice(0, 10),
    });
    const mixed = mixedWords(small.points, small.labels);
    console.log(`ten photos a word: ${mixed.map((p) => `${p.a}/${p.b} ${p.mixing.toFixed(2)} (${p.links} links)`).join(', ')}`);
    expect(named(mixed)).toEqual(['Apple/Pomme']);
  }, 300_000);

  it('names the clothes whose varied photos overlap on a normal deck (5 words, 40 photos each), not hats and shoes', async () => {
    const words = ['dress', 'hat', 'pants', 'shoes', 'shorts'];
    const files = (w: string) =>
      fs
        .readdirSync(variedClothingWord(w))
        .filter((f) => /\.jpe?g$/i.test(f))
        .sort()
        .map((f) => path.join(variedClothingWord(w), f));
    const { points, labels } = await mapOfDeck(Object.fromEntries(words.map((w) => [w, files(w)])));
    const mixed = mixedWords(points, labels);
    console.log(`mixing on the clothing map: ${mixed.map((p) => `${p.a}/${p.b} ${p.mixing.toFixed(2)} (${p.links} links)`).join(', ')}`);
    // Dresses, pants and shorts are photos of people's legs and hips; hats and shoes are not.
    expect(named(mixed)).toEqual(expect.arrayContaining(['dress/shorts', 'dress/pants']));
    expect(named(mixed).filter((p) => /hat|shoes/.test(p))).toEqual([]);
  }, 600_000);
});
