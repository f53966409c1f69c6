/**
 * Test and bench support: a deck with real fruit photos and a trained model version, made through
 * the core's own API (import) and the training code's pieces (features, head training).
 * TEMPORARY for the version row: switch to `startTraining` once the training job lands.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HeadSpec } from '../../../shared/api/training';
import type { StudioCore } from '../../index';
import { initBackend } from '../../ml/backend';
import { BUILTIN_BASE_MODELS } from '../../ml/base-model-catalog';
import { splitByBlocks } from '../../ml/block-split';
import { FeatureExtractor } from '../../ml/feature-extractor';
import { trainHead } from '../../ml/head-trainer';
import { preparePixels } from '../../ml/preprocess';
import { DEFAULT_SETTINGS } from '../../ml/training-settings';
import { blobPath } from '../../store/paths';
import { runImport } from '../../store/test-helpers';
import { BASE_DIR, FRUIT_CLASSES, FRUITS_DIR } from './fixtures';

export const FRUIT_WORDS: Record<string, Record<string, string>> = {
  Apple: { en: 'apple', fr: 'pomme', es: 'manzana' },
  Beetroot: { en: 'beetroot', fr: 'betterave', es: 'remolacha' },
  Dates: { en: 'dates', fr: 'dattes', es: 'dátiles' },
  Mango: { en: 'mango', fr: 'mangue', es: 'mango' },
  Orange: { en: 'orange', fr: 'orange', es: 'naranja' },
  Pomegranate: { en: 'pomegranate', fr: 'grenade', es: 'granada' },
};

/** Imports the first `perClass` photos of the given fruit classes into a new deck, with words. */
export async function fruitDeck(core: StudioCore, name: string, perClass: number, classes = FRUIT_CLASSES): Promise<number> {
  const deck = await core.api.createDeck({ name });
  const sources = classes.flatMap((c) =>
    fs
      .readdirSync(path.join(FRUITS_DIR, c))
      .filter((f) => /\.jpe?g$/i.test(f))
      .sort()
      .slice(0, perClass)
      .map((f) => ({ path: path.join(FRUITS_DIR, c, f), relativePath: `${c}/${f}` })),
  );
  await runImport(core, { deckId: deck.id, sources });
  const languages = core.context.session.require().info();
  const langs = [languages.sourceLanguage, ...languages.targetLanguages];
  for (const c of await core.api.listClasses({ deckId: deck.id })) {
    const words = Object.fromEntries(langs.map((l) => [l, FRUIT_WORDS[c.key]?.[l] ?? c.key]));
    await core.api.updateClass({ classId: c.id, words });
  }
  return deck.id;
}

/** Trains the deck's head on its photos (block split, default settings) and stores a version. */
export async function trainDeck(core: StudioCore, deckId: number, baseModelId = BUILTIN_BASE_MODELS[0].id): Promise<HeadSpec> {
  const store = core.context.session.require();
  const entry = BUILTIN_BASE_MODELS[0];
  const classes = await core.api.listClasses({ deckId });
  const photos = await core.api.listPhotos({ deckId });
  const classIndex = new Map(classes.map((c, i) => [c.id, i]));
  await initBackend();
  const extractor = await FeatureExtractor.load(BASE_DIR, entry);
  const features: Float32Array[] = [];
  try {
    for (const p of photos) {
      const pixels = (await preparePixels(fs.readFileSync(blobPath(store.dir, p.sha256)), entry.inputSize, ['orig'])).get('orig');
      if (!pixels) throw new Error(`no pixels for ${p.originalName}`);
      features.push(extractor.extract([pixels])[0]);
    }
  } finally {
    extractor.dispose();
  }
  const y = photos.map((p) => classIndex.get(p.classId) ?? 0);
  const split = splitByBlocks(y, DEFAULT_SETTINGS.validationShare);
  const pick = (idx: number[]) => ({ x: idx.map((i) => features[i]), y: idx.map((i) => y[i]) });
  const out = await trainHead({
    featureSize: entry.featureSize,
    numClasses: classes.length,
    train: pick(split.train),
    val: pick(split.val),
    settings: DEFAULT_SETTINGS,
  });
  const head: HeadSpec = { baseModelId, featureSize: entry.featureSize, layers: out.layers, labels: classes.map((c) => c.key) };
  const number = ((store.db.prepare('SELECT max(number) AS n FROM model_versions WHERE deck_id = ?').get(deckId) as { n: number | null }).n ?? 0) + 1;
  store.db
    .prepare(
      `INSERT INTO model_versions (deck_id, number, run_id, base_model_id, preprocessing, backend, settings_json, curves_json,
         metrics_json, head_json, misclassified_json, timings_json, stopped, message, created_at)
       VALUES (?, ?, ?, ?, 1, 'wasm', ?, '[]', '{}', ?, '[]', '{}', 'completed', NULL, ?)`,
    )
    .run(deckId, number, `test-${deckId}-${number}-${Date.now()}`, baseModelId, JSON.stringify(DEFAULT_SETTINGS), JSON.stringify(head), new Date().toISOString());
  return head;
}
