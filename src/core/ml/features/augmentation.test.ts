import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fruitFrames } from '../../../test-support/fruits';
import { AUGMENT_VARIANTS, preparePixels, trainingVariants, VARIANTS } from './preprocess';

/**
 * The augmentation views are a pure function of the photo: no random draw, so two trainings (or two
 * machines) computing them get the same pixels, hence the same cached features and, with the same
 * seed, the same head weights (training.test.ts checks the weights and that nothing is recomputed).
 */
describe('augmentation views', () => {
  it('are the same pixels every time, and each differs from the plain view', async () => {
    const photo = fs.readFileSync(fruitFrames('Mango')[3]);
    const a = await preparePixels(photo, 224, VARIANTS);
    const b = await preparePixels(photo, 224, VARIANTS);
    expect([...a.keys()].sort()).toEqual([...VARIANTS].sort());
    for (const v of VARIANTS) {
      expect(a.get(v)).toHaveLength(224 * 224 * 3);
      expect(Buffer.from(a.get(v) as Uint8Array).equals(Buffer.from(b.get(v) as Uint8Array))).toBe(true);
    }
    const plain = Buffer.from(a.get('orig') as Uint8Array);
    for (const v of AUGMENT_VARIANTS) expect(Buffer.from(a.get(v) as Uint8Array).equals(plain)).toBe(false);
    // Distinct views: no two augmentation views are the same picture.
    const distinct = new Set(AUGMENT_VARIANTS.map((v) => Buffer.from(a.get(v) as Uint8Array).toString('base64')));
    expect(distinct.size).toBe(AUGMENT_VARIANTS.length);
  });

  it('are used only when augmentation is on', () => {
    expect(trainingVariants({ augmentation: false })).toEqual(['orig']);
    expect(trainingVariants({ augmentation: true })).toEqual(['orig', ...AUGMENT_VARIANTS]);
  });
});
