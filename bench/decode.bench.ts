/**
 * Decoding phone photos for the network, in CPU ms per photo (this process, one photo at a time):
 * - decode-phone: the three training views (centre square, squashed frame, the crops' larger
 *   square) of upright 4032x3024 JPEGs, the way the studio decodes them (at reduced size: libjpeg scales while decoding) against the
 *   full-size decode the studio used before (PREPROCESSING_VERSION 3), and the ratio;
 * - decode-phone-square: the same for the centre square alone (testing a photo, the deck doctor);
 * - the same two with "-sideways": stored sideways with EXIF orientation 6, as phones save portrait
 *   shots (the full-size way had to rotate all 12 megapixels in memory before resizing).
 * The photos are made from fruit frames in a temporary folder: 12 megapixels, JPEG quality 90.
 */
import sharp from 'sharp';
import { decodeNetworkViews, MAX_INPUT_PIXELS, type DecodeResize } from '../src/core/media/decode-image';
import { emit, fruitPhotos } from './ml-fixtures';
import fs from 'node:fs';

const VIEWS: DecodeResize[] = [
  { fit: 'cover', size: 224 },
  { fit: 'fill', size: 224 },
  { fit: 'cover', size: 280 },
];
const PHOTOS = 12;

/** How the studio decoded a big picture before: every view resized from its full-size upright pixels. */
async function fullSizeViews(input: Buffer, views: readonly DecodeResize[]): Promise<void> {
  const meta = await sharp(input).metadata();
  const upright = meta.autoOrient ?? { width: meta.width ?? 0, height: meta.height ?? 0 };
  for (const v of views) {
    await sharp(input, { failOn: 'warning', limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .extract({ left: 0, top: 0, width: upright.width, height: upright.height })
      .resize(v.size, v.size, { fit: v.fit, position: 'centre' })
      .raw()
      .toBuffer();
  }
}

/** CPU ms per photo of `step`, after one warm-up pass. */
async function cpuMsPerPhoto(photos: Buffer[], step: (b: Buffer) => Promise<unknown>): Promise<number> {
  for (const b of photos.slice(0, 2)) await step(b);
  const since = process.cpuUsage();
  for (const b of photos) await step(b);
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000 / photos.length;
}

sharp.concurrency(1);
const frames = fruitPhotos()
  .photos.filter((_, i) => i % 20 === 0)
  .slice(0, PHOTOS);
/** 4032x3024 JPEGs made from fruit frames; `orientation` 6 stores them sideways, as phones save portrait shots. */
function phonePhotos(orientation: number): Promise<Buffer[]> {
  return Promise.all(
    frames.map((p) => sharp(fs.readFileSync(p.file)).resize(4032, 3024).withMetadata({ orientation }).jpeg({ quality: 90 }).toBuffer()),
  );
}

for (const orientation of [1, 6]) {
  const phone = await phonePhotos(orientation);
  for (const [name, views] of [
    ['decode-phone', VIEWS],
    ['decode-phone-square', VIEWS.slice(0, 1)],
  ] as const) {
    const full = await cpuMsPerPhoto(phone, (b) => fullSizeViews(b, views));
    const reduced = await cpuMsPerPhoto(phone, (b) => decodeNetworkViews(b, views));
    emit(`${name}${orientation === 1 ? '' : '-sideways'}`, reduced, 'ms/photo', {
      fullSizeMs: Number(full.toFixed(1)),
      speedup: Number((full / reduced).toFixed(2)),
      views: views.length,
      exifOrientation: orientation,
      photos: phone.length,
    });
  }
}
