import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../test-support/test-core';
import { fruitFrames } from '../../test-support/fruits';
import { decodeImage, decodeNetworkViews, decodesOnce, decodesReduced, type DecodeResize } from './decode-image';

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
  /** Mean absolute difference of two equally long byte arrays, in levels of 255. */
  function meanDifference(a: Uint8Array, b: Uint8Array): number {
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
    return sum / a.length;
  }

  it('gives every view the same bytes however it is asked for; camera-sized pictures exactly as resized from their full-size pixels, bigger ones within a level of them', async () => {
    // A phone-sized photo (4032x2268, EXIF orientation 6) besides the fixtures' 1800x1200 ones.
    const phone = await sharp(fs.readFileSync(fruitFrames('Orange')[0]))
      .resize(4032, 2268)
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 90 })
      .toBuffer();
    const pictures = [
      ...fixturePictures().map((file) => ({ name: path.basename(file), bytes: fs.readFileSync(file) })),
      { name: 'phone', bytes: phone },
    ];
    let fullSize = 0;
    let reduced = 0;
    for (const { name, bytes } of pictures) {
      const meta = await sharp(bytes).metadata();
      const upright = meta.autoOrient ?? { width: meta.width ?? 0, height: meta.height ?? 0 };
      const exact = meta.depth !== 'uchar' || !decodesReduced(upright);
      if (exact) fullSize++;
      else reduced++;
      const full = await decodeImage(bytes);
      const together = await decodeNetworkViews(bytes, VIEWS);
      for (const [i, resize] of VIEWS.entries()) {
        const what = `${name} ${resize.fit} ${resize.size}`;
        const reference = await decodeImage(full.data, { raw: { width: full.width, height: full.height, channels: 3 }, resize });
        const alone = await decodeImage(bytes, { resize });
        expect(together[i].width, what).toBe(resize.size);
        expect(Buffer.compare(alone.data, together[i].data), what).toBe(0);
        if (exact) expect(Buffer.compare(together[i].data, reference.data), what).toBe(0);
        // A reduced decode may differ by rounding, never by content: orientation and framing hold.
        else expect(meanDifference(together[i].data, reference.data), what).toBeLessThan(1.5);
      }
    }
    // Both ways are exercised: camera-sized photos and 16-bit pictures at full size, 1800x1200 EXIF and phone photos reduced.
    expect(fullSize).toBeGreaterThanOrEqual(10);
    expect(reduced).toBeGreaterThanOrEqual(10);
  });

  it('decodes once for several views of a camera-sized 8-bit picture, per view (reduced) above 1.5 megapixels, and always once for 16-bit ones', () => {
    expect(decodesOnce({ depth: 'uchar', width: 1280, height: 720 }, 3)).toBe(true);
    expect(decodesOnce({ depth: 'uchar', width: 1280, height: 720 }, 1)).toBe(false);
    expect(decodesReduced({ width: 1280, height: 720 })).toBe(false);
    expect(decodesOnce({ depth: 'uchar', width: 1800, height: 1200 }, 3)).toBe(false);
    expect(decodesReduced({ width: 1800, height: 1200 })).toBe(true);
    expect(decodesOnce({ depth: 'ushort', width: 4000, height: 3000 }, 1)).toBe(true);
  });

  it('refuses a damaged file with the decoder error a teacher can read', async () => {
    const truncated = fs.readFileSync(path.join(FIXTURES, 'misc', 'truncated_jpeg.jpg'));
    await expect(decodeNetworkViews(truncated, VIEWS)).rejects.toMatchObject({ code: 'IMAGE_CORRUPT' });
  });
});
