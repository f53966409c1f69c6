import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, Photo } from '../../shared/domain';
import { blobPath, thumbPath } from '../store/paths';
import { FIXTURES, runImport, testCore, type TestCore } from '../../test-support/test-core';
import { preparePixels } from '../ml/features/preprocess';
import { decodeImage } from './decode-image';

// What ../shared/fixtures/images/PROVENANCE.md says each file is.
const CORRUPT_PNGS = [
  'xc1n0g08',
  'xc9n2c08',
  'xcrn0g04',
  'xcsn0g01',
  'xd0n2c08',
  'xd3n2c08',
  'xd9n2c08',
  'xdtn0g01',
  'xhdn0g08',
  'xlfn0g04',
  'xs1n0g01',
  'xs2n0g01',
  'xs4n0g01',
  'xs7n0g01',
].map((n) => `pngsuite/${n}.png`);
const GOOD_PNGS = ['basn0g16', 'basn2c16', 'basn6a16', 'basn3p08', 'basi2c08', 'basn4a08'].map((n) => `pngsuite/${n}.png`);
const GOOD_MISC = [
  'pil_sample_cmyk.jpg',
  'hopper_gray.jpg',
  'dispose_bgnd.gif',
  'hopper.webp',
  'lossy_alpha.webp',
  'tiff_16bit_RGB.tiff',
  '16bit.cropped.tif',
].map((n) => `misc/${n}`);
const EXIF = [0, 1, 2, 3, 4, 5, 6, 7, 8].flatMap((n) => [`exif/Landscape_${n}.jpg`, `exif/Portrait_${n}.jpg`]);
const ACCEPTED = [...GOOD_PNGS, ...GOOD_MISC, ...EXIF];
const REFUSED = [...CORRUPT_PNGS, 'misc/truncated_jpeg.jpg'];
const IMAGE_EXT = /\.(png|jpe?g|gif|webp|tiff?)$/i;

/** A tiny grey version of decoded pixels, for comparing "which way round" across files. */
async function signature(data: Buffer, width: number, height: number, channels: 3 | 4 = 3): Promise<Buffer> {
  return sharp(data, { raw: { width, height, channels } }).resize(24, 24, { fit: 'fill' }).greyscale().raw().toBuffer();
}

/** The 224x224 RGB a photo becomes for training (src/core/ml/features/preprocess.ts). */
async function networkInput(file: string): Promise<Buffer> {
  const pixels = (await preparePixels(fs.readFileSync(file), 224, ['orig'])).get('orig');
  expect(pixels).toBeInstanceOf(Uint8Array);
  return Buffer.from(pixels as Uint8Array);
}

/** Pixels whose red and blue differ clearly: zero for a picture whose colour conversion failed. */
function colourfulPixels(rgb: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < rgb.length; i += 3) if (Math.abs(rgb[i] - rgb[i + 2]) > 30) n++;
  return n;
}

function meanAbsDiff(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

describe('importing every fixture image', () => {
  let t: TestCore;
  let report: ImportReport;
  let byName: Map<string, Photo>;
  let dir: string;

  beforeAll(async () => {
    t = await testCore();
    const deck = await t.core.api.createDeck({ name: 'Fixtures' });
    const cls = await t.core.api.createClass({ deckId: deck.id, key: 'things' });
    const files: string[] = [];
    for (const sub of ['pngsuite', 'misc', 'exif']) {
      for (const f of fs.readdirSync(path.join(FIXTURES, sub))) if (IMAGE_EXT.test(f)) files.push(`${sub}/${f}`);
    }
    // Every image in the folder is classified above, so a new fixture cannot slip by untested.
    expect(files.sort()).toEqual([...ACCEPTED, ...REFUSED].sort());
    report = await runImport(t.core, {
      deckId: deck.id,
      classId: cls.id,
      sources: files.map((f) => ({ path: path.join(FIXTURES, f), relativePath: f })),
    });
    const photos = await t.core.api.listPhotos({ deckId: deck.id });
    byName = new Map();
    // originalName is the bare file name; the sub-folder is recovered from the unique names.
    for (const p of photos) byName.set(ACCEPTED.find((a) => path.basename(a) === p.originalName) ?? p.originalName, p);
    dir = t.core.context.session.require().dir;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('accepts the valid oddities and refuses each corrupt file with a reason, adding no row for it', () => {
    expect(report.refused.map((r) => r.file).sort()).toEqual([...REFUSED].sort());
    for (const r of report.refused) {
      expect(['IMAGE_CORRUPT', 'IMAGE_UNSUPPORTED']).toContain(r.code);
      expect(r.reason.length).toBeGreaterThan(20);
    }
    expect(report.refused.find((r) => r.file === 'misc/truncated_jpeg.jpg')?.code).toBe('IMAGE_CORRUPT');
    // The CRC-damaged PNG passes a header-only probe: refusing it proves the full decode.
    expect(report.refused.find((r) => r.file === 'pngsuite/xcsn0g01.png')?.code).toBe('IMAGE_CORRUPT');
    expect(report.imported + report.duplicates).toBe(ACCEPTED.length);
    expect([...byName.keys()].sort()).toEqual([...ACCEPTED].sort());
    const blobs = fs.readdirSync(path.join(dir, 'blobs'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(blobs.length).toBe(new Set([...byName.values()].map((p) => p.sha256)).size);
  });

  it('records upright sizes and turns every EXIF orientation the same way round as orientation 1', async () => {
    for (const kind of ['Landscape', 'Portrait'] as const) {
      const [w, h] = kind === 'Landscape' ? [1800, 1200] : [1200, 1800];
      const ref = byName.get(`exif/${kind}_1.jpg`)!;
      const refDecoded = await decodeImage(fs.readFileSync(blobPath(dir, ref.sha256)));
      const refSig = await signature(refDecoded.data, refDecoded.width, refDecoded.height);
      const refThumb = await sharp(thumbPath(dir, ref.sha256)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const refThumbSig = await signature(refThumb.data, refThumb.info.width, refThumb.info.height);
      const refInputSig = await signature(await networkInput(blobPath(dir, ref.sha256)), 224, 224);
      // How different a wrongly turned picture looks, to be sure the check can fail.
      const flipped = await sharp(refDecoded.data, { raw: { width: w, height: h, channels: 3 } })
        .rotate(180)
        .raw()
        .toBuffer();
      const wrongWay = meanAbsDiff(refSig, await signature(flipped, w, h));
      expect(wrongWay).toBeGreaterThan(20);

      for (let n = 0; n <= 8; n++) {
        const photo = byName.get(`exif/${kind}_${n}.jpg`)!;
        expect([photo.width, photo.height], `${kind}_${n} size`).toEqual([w, h]);
        const decoded = await decodeImage(fs.readFileSync(blobPath(dir, photo.sha256)));
        expect([decoded.width, decoded.height]).toEqual([w, h]);
        expect(meanAbsDiff(refSig, await signature(decoded.data, w, h)), `${kind}_${n} decode`).toBeLessThan(wrongWay / 3);
        // What training feeds the network is turned the same way.
        const inputSig = await signature(await networkInput(blobPath(dir, photo.sha256)), 224, 224);
        expect(meanAbsDiff(refInputSig, inputSig), `${kind}_${n} network input`).toBeLessThan(wrongWay / 3);
        const thumb = await sharp(thumbPath(dir, photo.sha256)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
        expect(Math.max(thumb.info.width, thumb.info.height)).toBe(256);
        expect(thumb.info.width > thumb.info.height).toBe(kind === 'Landscape');
        const thumbSig = await signature(thumb.data, thumb.info.width, thumb.info.height);
        expect(meanAbsDiff(refThumbSig, thumbSig), `${kind}_${n} thumbnail`).toBeLessThan(wrongWay / 3);
      }
    }
  });

  it('turns CMYK, grey, 16-bit, palette, alpha and animated pictures into sRGB 8-bit', async () => {
    for (const name of [...GOOD_PNGS, ...GOOD_MISC]) {
      const photo = byName.get(name)!;
      const decoded = await decodeImage(fs.readFileSync(blobPath(dir, photo.sha256)));
      expect([decoded.width, decoded.height], name).toEqual([photo.width, photo.height]);
      expect(decoded.data.length, name).toBe(photo.width * photo.height * 3);
      const thumbMeta = await sharp(thumbPath(dir, photo.sha256)).metadata();
      expect(thumbMeta.format, name).toBe('webp');
      expect(thumbMeta.space, name).toBe('srgb');
      expect(thumbMeta.depth, name).toBe('uchar');
      const min = decoded.data.reduce((m, v) => Math.min(m, v), 255);
      const max = decoded.data.reduce((m, v) => Math.max(m, v), 0);
      if (name === 'misc/16bit.cropped.tif') {
        // 12-bit values (291..694 of 65535) in a 16-bit file: faithfully scaled, it is nearly black,
        // as in any viewer; what matters is that 16-bit was scaled, not truncated to its low byte.
        expect(max, name).toBeLessThanOrEqual(3);
      } else {
        // Not blank: a failed colour conversion tends to give one flat colour.
        expect(max - min, name).toBeGreaterThan(30);
      }
    }
    // The CMYK sample is a colour photo; after conversion its channels must differ somewhere.
    const cmyk = byName.get('misc/pil_sample_cmyk.jpg')!;
    const d = await decodeImage(fs.readFileSync(blobPath(dir, cmyk.sha256)));
    expect(colourfulPixels(d.data)).toBeGreaterThan(100);
    // So is what training feeds the network.
    expect(colourfulPixels(await networkInput(blobPath(dir, cmyk.sha256)))).toBeGreaterThan(100);
    // An animation contributes its first frame only.
    const gif = byName.get('misc/dispose_bgnd.gif')!;
    expect([gif.width, gif.height]).toEqual([100, 100]);
  });
});
