import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../core/media/decode-image';
import { FRUITS } from '../../test-support/test-core';
import { centreSquareRgb, coverGeometry } from './resample';

/** The core's own decoder (src/core/media/decode-image.ts) on already-decoded pixels. */
async function coreSquare(rgba: Buffer, width: number, height: number, size: number): Promise<Uint8Array> {
  const out = await decodeImage(rgba, { raw: { width, height, channels: 4 }, resize: { fit: 'cover', size } });
  return new Uint8Array(out.data);
}

async function decoded(file: string, resizeTo?: { width: number; height: number }) {
  let img = sharp(file).ensureAlpha();
  if (resizeTo) img = img.resize(resizeTo.width, resizeTo.height, { fit: 'fill' });
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function differingBytes(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

describe('centreSquareRgb (the core preprocessing, without sharp)', () => {
  const apple = path.join(FRUITS, 'Apple', '16072019-170653.jpg');

  /** The apple photo resized to each size, then prepared by both sides: the same bytes. */
  async function expectSameBytes(sizes: { width: number; height: number }[]): Promise<void> {
    for (const size of sizes) {
      const img = await decoded(apple, size);
      const ours = centreSquareRgb({ data: img.data, width: img.width, height: img.height }, 224);
      const theirs = await coreSquare(img.data, img.width, img.height, 224);
      expect(ours.length).toBe(224 * 224 * 3);
      expect(differingBytes(ours, theirs), `${size.width}x${size.height}`).toBe(0);
    }
  }

  it("gives the core decoder's bytes for camera frames and photos, landscape and portrait", async () => {
    await expectSameBytes([
      { width: 640, height: 360 },
      { width: 360, height: 640 },
      { width: 1280, height: 720 },
      { width: 301, height: 257 },
    ]);
  });

  it("gives the core decoder's bytes for pictures 4 to 18 times too big (libvips box-averages them first)", async () => {
    await expectSameBytes([
      { width: 1400, height: 900 },
      { width: 4032, height: 3024 },
      { width: 1999, height: 4001 },
    ]);
  });

  it('puts transparent pixels on white, as the core does', async () => {
    const rgba = Buffer.alloc(300 * 200 * 4);
    for (let i = 0; i < rgba.length; i += 4) rgba.set([200, 40, (i / 4) % 256, i % 3 === 0 ? 0 : 128], i);
    const ours = centreSquareRgb({ data: rgba, width: 300, height: 200 }, 64);
    expect(differingBytes(ours, await coreSquare(rgba, 300, 200, 64))).toBe(0);
  });

  it('cuts the centre like sharp', () => {
    expect(coverGeometry(1280, 720, 224)).toMatchObject({ outW: 398, outH: 224, left: 87, top: 0 });
    expect(coverGeometry(360, 640, 224)).toMatchObject({ outW: 224, outH: 398, left: 0, top: 87 });
  });
});
