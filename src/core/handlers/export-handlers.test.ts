import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../shared/api/export';
import type { StudioCore } from '../index';
import { fileModelHandler } from '../ml/base-models/file-io-handler';
import { tempDir, testCore, waitForJob, type TestCore } from '../../test-support/test-core';
import { readTflite } from '../export/tflite/tflite-reader';
import { disposeTfliteModel, loadTfliteModel, runTfliteRaw } from '../export/tflite/tflite-runtime';
import { MIN_FULL_INT8_AGREEMENT } from '../export/parity';
import { fruitPixels, inputOf } from '../../test-support/export-fixtures';
import { fruitDeck, trainDeck } from '../../test-support/train-deck';

async function exportNow(core: StudioCore, req: Parameters<StudioCore['api']['startExport']>[0]): Promise<ExportResult> {
  const { jobId } = await core.api.startExport(req);
  return waitForJob<ExportResult>(core, jobId);
}

/** Waits (polling every few ms) for the first file an export writes below `dir`, in a folder not in `before`. */
async function firstFileWritten(dir: string, before: string[]): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    for (const entry of fs.readdirSync(dir).filter((e) => !before.includes(e))) {
      const files = fs.existsSync(path.join(dir, entry))
        ? fs.readdirSync(path.join(dir, entry), { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
        : [];
      if (files.length > 0) return path.join(files[0].parentPath, files[0].name);
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error('the export wrote no file within a minute');
}

function argMax(a: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
  return best;
}

describe('export handlers', () => {
  let t: TestCore;
  let fruits: number;
  let veg: number;

  beforeAll(async () => {
    t = await testCore({ languages: ['en', 'fr', 'es'] });
    fruits = await fruitDeck(t.core, 'Fruits', 10);
    await trainDeck(t.core, fruits);
    veg = await fruitDeck(t.core, 'Red things', 10, ['Apple', 'Beetroot', 'Pomegranate']);
    await trainDeck(t.core, veg);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('exports TF.js and TFLite files that give the studio’s predictions, checked and recorded', async () => {
    const r = await exportNow(t.core, { deckIds: [fruits], formats: ['tfjs', 'tflite'], quantize: 'int8' });
    expect(r.folder.startsWith(path.join(t.core.context.session.require().dir, 'exports'))).toBe(true);
    const names = r.files.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'tfjs/model.json',
        'tfjs/weights.bin',
        'tfjs/metadata.json',
        'tfjs/labels.txt',
        'tfjs/vocabulary.json',
        'tflite/fruits.tflite',
        'README.md',
        `${path.basename(r.folder)}.zip`,
      ]),
    );
    expect(fs.readFileSync(path.join(r.folder, 'README.md'), 'utf8')).toMatch(/mean = \[127.5, 127.5, 127.5\]/);
    // Trained with the default settings (centre square and squashed whole frame): both say an app may feed either.
    const framing = /centre square of the picture and the whole picture squashed to a square: feed either/;
    expect(fs.readFileSync(path.join(r.folder, 'README.md'), 'utf8')).toMatch(framing);
    expect(readTflite(fs.readFileSync(path.join(r.folder, 'tflite/fruits.tflite'))).description).toMatch(framing);
    for (const f of r.files) expect(fs.statSync(path.join(r.folder, f.name)).size).toBe(f.bytes);

    // The parity gate ran TensorFlow Lite on the validation photos: same answers, within 1e-4.
    expect(r.parity).toMatchObject({ passed: true, photos: 12, comparisons: 12, sameTop1: 12 });
    expect(r.parity?.maxAbsDiff).toBeLessThanOrEqual(1e-4);
    expect(r.parity?.photoSet).toContain('validation photos of Fruits');
    // int8: the accuracy cost is measured on the same photos and shown.
    const q = r.quantization;
    expect(q).toMatchObject({
      photos: 12,
      comparisons: 12,
      floatAccuracy: expect.any(Number),
      int8Accuracy: expect.any(Number),
      accuracyDrop: expect.any(Number),
    });
    expect(q!.floatAccuracy).toBeGreaterThan(0.8);
    expect(q!.accuracyDrop).toBeCloseTo(q!.floatAccuracy! - q!.int8Accuracy!, 10);
    expect(q!.bytes).toBeLessThan(q!.floatBytes * 0.4);
    // The int8 file is there exactly when its accuracy cost is within the limit.
    expect(q!.passed).toBe(q!.accuracyDrop! <= q!.maxAccuracyDrop);
    expect(names.includes('tflite/fruits-int8.tflite')).toBe(q!.passed);

    // The files, loaded the way apps load them, give the studio's own answers ("try a photo") on
    // photos the deck has never seen.
    const tfjsModel = await tf.loadLayersModel(fileModelHandler(path.join(r.folder, 'tfjs')));
    const tflite = await loadTfliteModel(fs.readFileSync(path.join(r.folder, 'tflite/fruits.tflite')));
    const labels = (JSON.parse(fs.readFileSync(path.join(r.folder, 'tfjs/metadata.json'), 'utf8')) as { labels: string[] }).labels;
    const unseen = await fruitPixels(1, 35);
    const studio = await t.core.api.classifyPhotos({ deckId: fruits, sources: unseen.map((p) => ({ path: p.file })) });
    unseen.forEach((p, i) => {
      const x = inputOf(p.pixels);
      const a = (tfjsModel.predict(x) as tf.Tensor).dataSync();
      const b = (tflite.predict(x) as tf.Tensor).dataSync();
      const top = studio[i].top[0];
      for (const probs of [a, b]) {
        expect(labels[argMax(probs)]).toBe(top.key);
        expect(Math.abs(probs[argMax(probs)] - top.probability)).toBeLessThan(1e-4);
      }
      x.dispose();
    });
    tfjsModel.dispose();

    // The zip holds the same files; the export is in the history with its parity result.
    const zipped = Object.keys(unzipSync(fs.readFileSync(r.zipPath)));
    expect(zipped).toContain(`${path.basename(r.folder)}/tflite/fruits.tflite`);
    const history = await t.core.api.listExports({ deckId: fruits });
    expect(history[0]).toMatchObject({ id: r.id, exists: true, parity: { passed: true }, decks: [{ name: 'Fruits', classes: 6 }] });
  });

  it('writes a full-integer file calibrated on the decks’ photos, checked in TensorFlow Lite’s integer kernels', async () => {
    const r = await exportNow(t.core, { deckIds: [fruits, veg], formats: ['tflite'], quantize: 'full-int8' });
    const file = r.files.find((f) => f.kind === 'tflite-full-int8');
    expect(file?.name).toMatch(/^tflite\/.+-full-int8\.tflite$/);
    const q = r.quantization;
    // 18 validation photos, one answer per deck each; the ranges came from the training photos
    // (Fruits: 48; Red things has only 24, under the 30 calibration wants, so all its 30).
    expect(q).toMatchObject({
      kind: 'full-int8',
      passed: true,
      photos: 18,
      comparisons: 36,
      minAgreement: MIN_FULL_INT8_AGREEMENT,
      calibrationPhotos: 78,
    });
    expect(q!.sameTop1 / q!.comparisons).toBeGreaterThanOrEqual(MIN_FULL_INT8_AGREEMENT);
    expect(q!.int8Accuracy).toBeGreaterThanOrEqual(q!.floatAccuracy! - 0.1);
    expect(q!.bytes).toBe(file?.bytes);
    expect(q!.bytes).toBeLessThan(q!.floatBytes * 0.4);

    // Apps get uint8 scores per deck; on photos the decks never saw they name the studio's word.
    const bytes = fs.readFileSync(path.join(r.folder, file?.name ?? ''));
    const summary = readTflite(bytes);
    expect(summary.outputs.map((o) => [o.name, o.type, o.shape[1]])).toEqual([
      ['Fruits', 'uint8', 6],
      ['Red things', 'uint8', 3],
    ]);
    const tflite = await loadTfliteModel(bytes);
    const unseen = await fruitPixels(1, 35);
    const studio = await t.core.api.classifyPhotos({ deckId: fruits, sources: unseen.map((p) => ({ path: p.file })) });
    const labels = summary.metadata?.outputs[0].labelFiles[0].labels ?? [];
    const same = unseen.filter((p, i) => labels[argMax(runTfliteRaw(tflite, p.pixels)[0].data)] === studio[i].top[0].key).length;
    disposeTfliteModel(tflite);
    expect(same).toBeGreaterThanOrEqual(unseen.length - 1);

    expect(fs.readFileSync(path.join(r.folder, 'README.md'), 'utf8')).toMatch(/full-int8\.tflite`: the same, fully integer/);
    const history = await t.core.api.listExports({ deckId: veg });
    expect(history[0]).toMatchObject({ id: r.id, quantize: 'full-int8', quantization: { kind: 'full-int8', passed: true } });
  });

  it('stacks two decks into one model with one output and one set of label files per deck', async () => {
    const out = tempDir('magritte-export-out-');
    const tensorsBefore = tf.memory().numTensors;
    const r = await exportNow(t.core, { deckIds: [fruits, veg], formats: ['tflite'], outDir: path.join(out, 'both') });
    expect(r.folder).toBe(path.join(out, 'both'));
    // The export frees every tensor it made (base network, heads, parity inputs).
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(r.parity).toMatchObject({ passed: true, photos: 18, comparisons: 36, sameTop1: 36 });
    const file = r.files.find((f) => f.kind === 'tflite');
    const summary = readTflite(fs.readFileSync(path.join(r.folder, file?.name ?? '')));
    expect(summary.outputs.map((o) => [o.name, o.shape[1]])).toEqual([
      ['Fruits', 6],
      ['Red things', 3],
    ]);
    expect(summary.metadata?.outputs[1].labelFiles.map((f) => f.locale)).toEqual([null, 'en', 'fr', 'es']);
    expect(summary.metadata?.outputs[1].labelFiles[2].labels).toEqual(['pomme', 'betterave', 'grenade']);
    // A non-empty --out folder is refused rather than mixed into.
    await expect(t.core.api.startExport({ deckIds: [fruits], formats: ['tflite'], outDir: r.folder })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('refuses an export with a missing French word, naming the class and the language', async () => {
    const { api } = t.core;
    const mango = (await api.listClasses({ deckId: fruits })).find((c) => c.key === 'Mango');
    if (!mango) throw new Error('no mango');
    await api.updateClass({ classId: mango.id, words: { fr: '' } });
    const missing = await api.getMissingWords({ deckId: fruits });
    expect(missing.map((m) => [m.classKey, m.language])).toEqual([['Mango', 'fr']]);
    await expect(api.startExport({ deckIds: [fruits], formats: ['tflite'] })).rejects.toMatchObject({
      code: 'WORDS_MISSING',
      details: [expect.objectContaining({ classKey: 'Mango', language: 'fr' })],
    });
    await expect(api.startExport({ deckIds: [fruits], formats: ['tflite'] })).rejects.toThrow(/"Mango" in fr/);
    // Leaving French out of the export is the other way forward.
    expect((await api.getMissingWords({ deckId: fruits, languages: ['en', 'es'] })).length).toBe(0);
    await api.updateClass({ classId: mango.id, words: { fr: 'mangue' } });
  });

  it('leaves nothing behind when cancelled half-way through writing', async () => {
    const exportsDir = (await t.core.api.getExportsFolder()).dir;
    const before = fs.readdirSync(exportsDir);
    const { jobId } = await t.core.api.startExport({ deckIds: [fruits], formats: ['tfjs', 'tflite'] });
    // Cancel only once the first file is on disk, so there really is something to clean up.
    const first = await firstFileWritten(exportsDir, before);
    expect(path.basename(path.dirname(first))).toBe('tfjs');
    await t.core.api.cancelJob({ jobId });
    await expect(waitForJob(t.core, jobId)).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
    expect(fs.readdirSync(exportsDir)).toEqual(before);
  });

  it('refuses to stack decks trained on different base networks, and untrained decks', async () => {
    const { api } = t.core;
    const db = t.core.context.session.require().db;
    db.prepare('UPDATE model_versions SET base_model_id = ? WHERE deck_id = ?').run('mobilenet_v2_1.0_224', veg);
    await expect(api.startExport({ deckIds: [fruits, veg], formats: ['tflite'] })).rejects.toMatchObject({ code: 'STACK_BASE_MISMATCH' });
    db.prepare('UPDATE model_versions SET base_model_id = ? WHERE deck_id = ?').run('mobilenet_v1_0.25_224', veg);
    const empty = await api.createDeck({ name: 'Empty' });
    await expect(api.startExport({ deckIds: [empty.id], formats: ['tfjs'] })).rejects.toMatchObject({ code: 'NOT_TRAINED' });
    expect((await api.getExportsFolder()).dir).toBe(path.join(t.core.context.session.require().dir, 'exports'));
  });
});
