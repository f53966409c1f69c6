import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../shared/api/export';
import type { StudioCore } from '../index';
import { fruitFrames } from '../../test-support/fruits';
import { runImport, testCore, waitForJob, type TestCore } from '../../test-support/test-core';
import { trainDeck } from '../../test-support/train-deck';
import { preparePixels } from '../ml/features/preprocess';
import { rgbaOf } from '../../test-support/export-fixtures';
import { readTflite } from './tflite/tflite-reader';
import { classifyWithTaskLibrary } from './tflite/tflite-runtime';

/**
 * "Nothing I know" from photos to exported files: a deck whose background class is trained on
 * one fruit's photos answers "background" on that fruit's unseen frames, and every export file
 * says which label it is, per deck when decks are stacked.
 */

/** Frames [from, to) of a fruit as plain files (no folder naming a class: they go where they are told). */
const frames = (fruit: string, from: number, to: number) => fruitFrames(fruit).slice(from, to);
/** Ten photos to train on, spread over the first 20 frames (so frames 30 on are unseen, yet not strangers). */
const trainingFrames = (fruit: string) => frames(fruit, 0, 20).filter((_, i) => i % 2 === 0);

async function deckWithBackground(
  core: StudioCore,
  name: string,
  words: string[],
  backgroundFruit: string,
  backgroundFirst: boolean,
): Promise<number> {
  const { api } = core;
  const deck = await api.createDeck({ name });
  const addBackground = async () => {
    const bg = await api.createBackgroundClass({ deckId: deck.id });
    await runImport(core, { deckId: deck.id, classId: bg.id, sources: trainingFrames(backgroundFruit).map((p) => ({ path: p })) });
  };
  if (backgroundFirst) await addBackground();
  for (const fruit of words) {
    const cls = await api.createClass({ deckId: deck.id, key: fruit, words: { en: fruit.toLowerCase(), fr: `${fruit.toLowerCase()}-fr` } });
    await runImport(core, { deckId: deck.id, classId: cls.id, sources: trainingFrames(fruit).map((p) => ({ path: p })) });
  }
  if (!backgroundFirst) await addBackground();
  return deck.id;
}

async function exportNow(core: StudioCore, req: Parameters<StudioCore['api']['startExport']>[0]): Promise<ExportResult> {
  return waitForJob<ExportResult>(core, (await core.api.startExport(req)).jobId);
}

describe('"Nothing I know": predictions and exports', () => {
  let t: TestCore;
  let fruits: number;
  let red: number;

  beforeAll(async () => {
    t = await testCore({ languages: ['en', 'fr'] });
    // Fruits: Apple, Mango, then the background (Dates photos): labels [Apple, Mango, background].
    fruits = await deckWithBackground(t.core, 'Fruits', ['Apple', 'Mango'], 'Dates', false);
    await trainDeck(t.core, fruits);
    // Red things: its background (Orange photos) first and renamed: labels [empty desk, Beetroot, Pomegranate].
    red = await deckWithBackground(t.core, 'Red things', ['Beetroot', 'Pomegranate'], 'Orange', true);
    const bg = (await t.core.api.listClasses({ deckId: red })).find((c) => c.background);
    await t.core.api.updateClass({ classId: bg!.id, key: 'empty desk' });
    await trainDeck(t.core, red);
  }, 600_000);
  afterAll(async () => {
    await t.dispose();
  });

  it('marks "try a photo" answers on unseen background photos as background, and a word as a word', async () => {
    const unseenDates = frames('Dates', 30, 34).map((p) => ({ path: p }));
    const unseenApples = frames('Apple', 30, 32).map((p) => ({ path: p }));
    const results = await t.core.api.classifyPhotos({ deckId: fruits, sources: [...unseenDates, ...unseenApples] });
    expect(results).toHaveLength(6);
    for (const r of results.slice(0, 4)) {
      expect(r.background).toBe(true);
      expect(r.top[0]).toMatchObject({ key: 'background', background: true });
    }
    for (const r of results.slice(4)) {
      expect(r.background).toBe(false);
      expect(r.top[0]).toMatchObject({ key: 'Apple', background: false });
      expect(r.top.find((p) => p.key === 'background')?.background).toBe(true);
    }
  });

  it('tells the live Test tab and the phone page which label is silence, each deck its own', async () => {
    expect((await t.core.api.getLiveModel({ deckId: fruits })).background).toBe('background');
    expect((await t.core.api.getLiveModel({ deckId: red })).background).toBe('empty desk');
  });

  it('exports need no words for the background, and every file names it', async () => {
    const r = await exportNow(t.core, { deckIds: [fruits], formats: ['tfjs', 'tflite'] });
    const vocab = JSON.parse(fs.readFileSync(path.join(r.folder, 'tfjs/vocabulary.json'), 'utf8')) as {
      background: string | null;
      classes: { key: string; background: boolean }[];
    };
    expect(vocab.background).toBe('background');
    expect(vocab.classes.map((c) => [c.key, c.background])).toEqual([
      ['Apple', false],
      ['Mango', false],
      ['background', true],
    ]);
    const meta = JSON.parse(fs.readFileSync(path.join(r.folder, 'tfjs/metadata.json'), 'utf8')) as {
      labels: string[];
      userMetadata: { outputs: { background: string | null }[] };
    };
    expect(meta.labels).toEqual(['Apple', 'Mango', 'background']);
    expect(meta.userMetadata.outputs[0].background).toBe('background');
    expect(fs.readFileSync(path.join(r.folder, 'README.md'), 'utf8')).toMatch(/## Nothing I know \(background\)[\s\S]*class 2 \("background"\)/);

    const bytes = fs.readFileSync(path.join(r.folder, 'tflite/fruits.tflite'));
    const summary = readTflite(bytes);
    expect(JSON.parse(summary.metadata?.custom['magritte.background'] ?? 'null')).toEqual({
      outputs: [{ name: 'Fruits', label: 'background', index: 2 }],
    });
    expect(summary.metadata?.minParserVersion).toBe('1.5.0');
    expect(summary.metadata?.outputs[0].description).toMatch(/Class 2 \("background"\) is the background/);
    // The Task Library (as Android apps read the file) still reads it, and answers "background" on unseen dates.
    const dates = (await preparePixels(fs.readFileSync(frames('Dates', 36, 37)[0]), 224, ['orig'])).get('orig');
    const top = await classifyWithTaskLibrary(bytes, rgbaOf(dates!), { maxResults: 3 });
    expect(top[0].className).toBe('background');
  });

  it('stacked decks keep their own background in every file', async () => {
    const r = await exportNow(t.core, { deckIds: [fruits, red], formats: ['tfjs', 'tflite'] });
    const vocab = JSON.parse(fs.readFileSync(path.join(r.folder, 'tfjs/vocabulary.json'), 'utf8')) as {
      decks: { deck: string; background: string | null }[];
    };
    expect(vocab.decks.map((d) => [d.deck, d.background])).toEqual([
      ['Fruits', 'background'],
      ['Red things', 'empty desk'],
    ]);
    const meta = JSON.parse(fs.readFileSync(path.join(r.folder, 'tfjs/metadata.json'), 'utf8')) as {
      userMetadata: { outputs: { background: string | null }[] };
    };
    expect(meta.userMetadata.outputs.map((o) => o.background)).toEqual(['background', 'empty desk']);
    const tflite = r.files.find((f) => f.kind === 'tflite')!;
    const summary = readTflite(fs.readFileSync(path.join(r.folder, tflite.name)));
    expect(JSON.parse(summary.metadata?.custom['magritte.background'] ?? 'null')).toEqual({
      outputs: [
        { name: 'Fruits', label: 'background', index: 2 },
        { name: 'Red things', label: 'empty desk', index: 0 },
      ],
    });
    expect(summary.metadata?.outputs[1].description).toMatch(/Class 0 \("empty desk"\) is the background/);
    expect(fs.readFileSync(path.join(r.folder, 'README.md'), 'utf8')).toMatch(/in output 1 \("Red things"\), class 0 \("empty desk"\)/);
  });
});
