import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../test-support/test-core';
import { fruitFrames } from '../../test-support/fruits';
import { decodeImage, decodeNetworkViews, decodesOnce, type DecodeResize } from './decode-image';

/** The three views training asks for (src/core/ml/features/preprocess.ts): square, squashed, the crops' larger square. */
const VIEWS: DecodeResize[] = [
  { fit: 'cover', size: 224 },
  { fit: 'fill', size: 224 },
  { fit: 'cover', size: 280 },
];

/** Every readable picture among the shared fixtures: EXIF orientations, CMYK, grey, 16-bit, alpha, palette PNGs, and webcam-sized fruit photos. */
function fixturePictures(): string[] {
  const pick = (dir: string, names: RegExp) =>
    fs
      .readdirSync(path.join(FIXTURES, dir))
      .filter((n) => names.test(n))
      .map((n) => path.join(FIXTURES, dir, n));
  return [
    ...pick('exif', /\.jpg$/),
    ...pick('misc', /^(hopper_gray\.jpg|pil_sample_cmyk\.jpg|hopper\.webp|lossy_alpha\.webp|tiff_16bit_RGB\.tiff|16bit\.cropped\.tif)$/),
    ...pick('pngsuite', /^(basi2c08|basn0g16|basn2c16|basn3p08|basn4a08|basn6a16)\.png$/),
    ...fruitFrames('Apple').slice(0, 2),
    ...fruitFrames('Mango').slice(0, 1),
  ];
}

describe('decodeNetworkViews (several views of one photo, decoded once where that pays)', () => {
  it('gives, for every fixture picture and every way of decoding, the bytes resized from its full-size upright pixels (what the window resizes)', async () => {
    const files = fixturePictures();
    let sharedDecodes = 0;
    let separateDecodes = 0;
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      const meta = await sharp(bytes).metadata();
      if (decodesOnce({ depth: meta.depth, ...(meta.autoOrient ?? { width: meta.width ?? 0, height: meta.height ?? 0 }) }, VIEWS.length)) {
        sharedDecodes++;
      } else {
        separateDecodes++;
      }
      const full = await decodeImage(bytes);
      const together = await decodeNetworkViews(bytes, VIEWS);
      for (const [i, resize] of VIEWS.entries()) {
        const what = `${path.basename(file)} ${resize.fit} ${resize.size}`;
        const reference = await decodeImage(full.data, { raw: { width: full.width, height: full.height, channels: 3 }, resize });
        const alone = await decodeImage(bytes, { resize });
        expect(together[i].width, what).toBe(resize.size);
        expect(Buffer.compare(together[i].data, reference.data), what).toBe(0);
        expect(Buffer.compare(alone.data, reference.data), what).toBe(0);
      }
    }
    // Both ways are exercised: camera-sized photos share one decode, the 1800x1200 EXIF photos do not.
    expect(sharedDecodes).toBeGreaterThanOrEqual(10);
    expect(separateDecodes).toBeGreaterThanOrEqual(10);
  });

  it('decodes once for several views of a camera-sized 8-bit picture, per view above 1.5 megapixels, and always once for 16-bit ones', () => {
    expect(decodesOnce({ depth: 'uchar', width: 1280, height: 720 }, 3)).toBe(true);
    expect(decodesOnce({ depth: 'uchar', width: 1280, height: 720 }, 1)).toBe(false);
    expect(decodesOnce({ depth: 'uchar', width: 1800, height: 1200 }, 3)).toBe(false);
    expect(decodesOnce({ depth: 'ushort', width: 4000, height: 3000 }, 1)).toBe(true);
  });

  it('refuses a damaged file with the decoder error a teacher can read', async () => {
    const truncated = fs.readFileSync(path.join(FIXTURES, 'misc', 'truncated_jpeg.jpg'));
    await expect(decodeNetworkViews(truncated, VIEWS)).rejects.toMatchObject({ code: 'IMAGE_CORRUPT' });
  });
});
