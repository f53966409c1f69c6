import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingRunResult } from '../../../shared/api/training';
import { FIXTURES } from '../../../test-support/test-core';
import { fruitDeck, waitForJob, type TestCore } from '../../../test-support/fruit-deck';
import { fruitFrames } from '../../../test-support/fruits';
import { preparePixels } from '../features/preprocess';
import { MAX_TEST_PHOTOS_PER_CALL } from './test-photo-pixels';

/** What the Test tab gets for photo files: the pixels training used, or a reason per file. */
describe('prepareTestPhotos', () => {
  let t: TestCore & { deckId: number };
  let dir: string;
  let phone: string;

  beforeAll(async () => {
    t = await fruitDeck({ to: 4 });
    await waitForJob<TrainingRunResult>(t.core, (await t.core.api.startTraining({ deckId: t.deckId, settings: { epochs: 2 } })).jobId);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-test-photos-'));
    // A phone-sized photo, stored sideways with EXIF orientation 6: decoded at reduced size, upright.
    phone = path.join(dir, 'phone.jpg');
    await sharp(fs.readFileSync(fruitFrames('Mango')[30]))
      .resize(4032, 2268)
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 90 })
      .toFile(phone);
  }, 240_000);
  afterAll(async () => {
    await t?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives each photo the centre square training sees, in the order asked', async () => {
    const webcam = fruitFrames('Apple')[30];
    const answers = await t.core.api.prepareTestPhotos({ deckId: t.deckId, sources: [{ path: phone }, { path: webcam }] });
    expect(answers.map((a) => a.path)).toEqual([phone, webcam]);
    for (const [i, file] of [phone, webcam].entries()) {
      expect(answers[i].error, file).toBeUndefined();
      expect(answers[i].size).toBe(224);
      const pixels = Buffer.from(answers[i].pixels ?? '', 'base64');
      expect(pixels.length).toBe(224 * 224 * 3);
      // The deck's photos go through the features job's own preparation: the same bytes.
      const trained = (await preparePixels(fs.readFileSync(file), 224, ['orig', 'flip', 'crop-tl'])).get('orig');
      expect(Buffer.compare(pixels, Buffer.from(trained ?? [])), file).toBe(0);
    }
  });

  it('says, photo by photo, what is wrong with a damaged file, a missing one and a folder, and still answers the good one', async () => {
    const damaged = path.join(FIXTURES, 'misc', 'truncated_jpeg.jpg');
    const missing = path.join(dir, 'gone.jpg');
    const answers = await t.core.api.prepareTestPhotos({
      deckId: t.deckId,
      sources: [{ path: damaged }, { path: missing }, { path: dir }, { path: phone }],
    });
    expect(answers.map((a) => a.error?.code)).toEqual(['IMAGE_CORRUPT', 'FILE_NOT_FOUND', 'INVALID_ARGUMENT', undefined]);
    expect(answers[0].error?.message).toMatch(/damaged or incomplete/);
    expect(answers[2].error?.message).toMatch(/folder/);
    expect(answers[3].pixels).toBeTruthy();
  });

  it('refuses too many photos in one request, and requests that are not a list of sources', async () => {
    const many = Array.from({ length: MAX_TEST_PHOTOS_PER_CALL + 1 }, () => ({ path: phone }));
    await expect(t.core.api.prepareTestPhotos({ deckId: t.deckId, sources: many })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const bad = { deckId: t.deckId, sources: 'phone.jpg' } as unknown as Parameters<typeof t.core.api.prepareTestPhotos>[0];
    await expect(t.core.api.prepareTestPhotos(bad)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
