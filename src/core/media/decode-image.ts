import sharp, { type Metadata } from 'sharp';
import { StudioError } from '../../shared/errors';

// Decoded pixels are used once; sharp's operation cache would only hold memory during big imports.
sharp.cache(false);

/** Inputs above this many pixels are refused before any pixel is decoded. */
export const MAX_INPUT_PIXELS = 50_000_000;

export interface DecodedImage {
  /** Packed RGB, 8 bits per channel, sRGB, rows top to bottom, already upright. */
  data: Buffer;
  width: number;
  height: number;
}

export interface ImageHeader {
  format: string;
  /** As stored, before EXIF orientation. */
  width: number;
  height: number;
  /** As the picture is meant to be seen (EXIF orientation applied). */
  uprightWidth: number;
  uprightHeight: number;
  pages: number;
}

function tooLarge(width: number, height: number): StudioError {
  const mp = Math.round((width * height) / 1e6);
  return new StudioError(
    'IMAGE_TOO_LARGE',
    `This picture is too big (${width}x${height}, ${mp} megapixels; the limit is ${MAX_INPUT_PIXELS / 1e6}).`,
    'Make it smaller in a photo editor, or use a normal phone photo.',
  );
}

/** Turns sharp/libvips failures into a reason a teacher can read. */
export function decodeError(e: unknown): StudioError {
  if (e instanceof StudioError) return e;
  const text = (e instanceof Error ? e.message : String(e)).split('\n').filter((l) => l.trim().length > 0);
  const detail = text
    .join('; ')
    .replace(/^Input buffer /, '')
    .slice(0, 200);
  if (/pixel limit/i.test(detail)) {
    return new StudioError('IMAGE_TOO_LARGE', 'This picture has too many pixels to import.', 'Make it smaller in a photo editor.');
  }
  if (/unsupported image format/i.test(detail)) {
    return new StudioError('IMAGE_UNSUPPORTED', 'This file is not a picture the studio can read.', 'Import photos saved as JPEG or PNG.');
  }
  return new StudioError(
    'IMAGE_CORRUPT',
    'This picture is damaged or incomplete and cannot be read.',
    'Copy the photo from the camera or phone again; the copy may have been cut short.',
    // The decoder's own words help an expert, not a teacher: keep them out of the message.
    { decoder: detail || 'unknown decoder error' },
  );
}

/** Reads only the header (no pixel decoding) and refuses pictures over the pixel limit. */
export async function readImageHeader(input: Buffer): Promise<ImageHeader> {
  const meta = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch((e: unknown) => {
      throw decodeError(e);
    });
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width <= 0 || height <= 0) throw decodeError(new Error('no image size in header'));
  if (width * height > MAX_INPUT_PIXELS) throw tooLarge(width, height);
  const upright = meta.autoOrient ?? { width, height };
  return { format: meta.format ?? 'unknown', width, height, uprightWidth: upright.width, uprightHeight: upright.height, pages: meta.pages ?? 1 };
}

/** How `decodeImage` sizes its output. */
export type DecodeResize =
  /** The centre square, `size` x `size` (what the network sees). */
  | { fit: 'cover'; size: number }
  /** The whole picture within `size` x `size`, never enlarged (thumbnails). */
  | { fit: 'inside'; size: number }
  /** The whole picture squashed to `size` x `size` (how phone pipelines feed a camera frame). */
  | { fit: 'fill'; size: number };

export interface DecodeOptions {
  resize?: DecodeResize;
  /**
   * Already-decoded pixels (RGB or RGBA, 8 bits, sRGB) instead of an encoded file: the window's
   * parity fixtures feed canvas pixels through the same steps to prove the window matches the core.
   */
  raw?: { width: number; height: number; channels: 3 | 4 };
}

/**
 * The one decoder (import, thumbnails, features, the window's parity fixtures): the first frame,
 * EXIF orientation applied (here and nowhere else), CMYK/grey/16-bit converted to sRGB 8-bit,
 * transparency flattened onto white, then optionally resized; packed RGB out.
 *
 * failOn 'warning', everywhere: a decoder warning (truncation, bad CRC) is an error, so a damaged
 * file is never half-accepted. Import refuses it, and training and testing refuse it too, since a
 * browser would show such a file differently and the live model could not match the core.
 *
 * What the network sees ('cover' and 'fill') comes from `decodeNetworkViews`: camera-sized pictures
 * are resized from their full-size pixels, bigger ones may be decoded at reduced size (see there).
 * Thumbnails ('inside') may always let libjpeg decode big JPEGs at reduced size.
 */
export async function decodeImage(input: Buffer, options: DecodeOptions = {}): Promise<DecodedImage> {
  const { resize, raw } = options;
  try {
    if (resize && resize.fit !== 'inside' && !raw) return (await decodeNetworkViews(input, [resize]))[0];
    let image = sharp(input, { failOn: 'warning', limitInputPixels: MAX_INPUT_PIXELS, pages: 1, ...(raw ? { raw } : {}) })
      .rotate()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha();
    if (resize?.fit === 'cover') {
      image = image.resize(resize.size, resize.size, { fit: 'cover', position: 'centre', fastShrinkOnLoad: false });
    } else if (resize?.fit === 'fill') {
      image = image.resize(resize.size, resize.size, { fit: 'fill', fastShrinkOnLoad: false });
    } else if (resize?.fit === 'inside') {
      image = image.resize({ width: resize.size, height: resize.size, fit: 'inside', withoutEnlargement: true, fastShrinkOnLoad: false });
    }
    const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 || data.length !== info.width * info.height * 3) {
      throw new Error(`unexpected decoded layout (${info.channels} channels)`);
    }
    return { data, width: info.width, height: info.height };
  } catch (e) {
    throw decodeError(e);
  }
}

/**
 * Upright pictures up to this many pixels (webcam frames, 1280x720 photos) are decoded at full size:
 * once when several network views are asked for, every view then resized from those pixels. Bigger
 * ones (phone photos) are decoded per view, at reduced size where the format allows it (libjpeg
 * scales JPEGs by 1/2, 1/4 or 1/8 while decoding): handing 12 megapixels to JavaScript costs more
 * than decoding three times, and a reduced decode is 2.5-3x cheaper than a full one. Measured on 2
 * cores: the three training views of a 4032x2268 JPEG 113 -> 47 ms of CPU; those of a 1280x720 JPEG
 * cost 17 ms decoded once at full size against 21 ms reduced per view, hence the cut-off. Either
 * way a view's bytes depend only on the picture, never on which other views were asked for, so
 * cached features agree whatever computed them.
 */
export const SHARED_DECODE_MAX_PIXELS = 1_500_000;

/** Whether `decodeNetworkViews` decodes a picture (header as read, upright size) once, whole, for `views` views. */
export function decodesOnce(header: { depth?: string; width: number; height: number }, views: number): boolean {
  return header.depth !== 'uchar' || (views > 1 && !decodesReduced(header));
}

/** Whether an 8-bit picture's network views may be decoded at reduced size. */
export function decodesReduced(header: { width: number; height: number }): boolean {
  return header.width * header.height > SHARED_DECODE_MAX_PIXELS;
}

/**
 * Network views ('cover' or 'fill') of one encoded picture, in the order asked: the same bytes as
 * `decodeImage(input, { resize })` for each, with the file read once.
 *
 * The window never decodes photo files for the model (the Test tab asks the core for these pixels:
 * `prepareTestPhotos`); it resizes camera frames only, which are pixels already and take the `raw`
 * path of `decodeImage`, which src/renderer/ml/resample.ts reproduces byte for byte.
 */
export async function decodeNetworkViews(input: Buffer, resizes: readonly DecodeResize[]): Promise<DecodedImage[]> {
  if (resizes.some((r) => r.fit === 'inside')) throw new Error('network views are cover or fill');
  try {
    const meta = await sharp(input, { failOn: 'warning', limitInputPixels: MAX_INPUT_PIXELS, pages: 1 }).metadata();
    const upright = meta.autoOrient ?? { width: meta.width ?? 0, height: meta.height ?? 0 };
    if (decodesOnce({ depth: meta.depth, ...upright }, resizes.length)) {
      const full = await decodeImage(input);
      const raw = { width: full.width, height: full.height, channels: 3 as const };
      const out: DecodedImage[] = [];
      // One after the other: the feature pool already keeps every core busy with other photos.
      for (const resize of resizes) out.push(await decodeImage(full.data, { raw, resize }));
      return out;
    }
    const picture = { ...upright, plain: isPlainRgb(meta), reduced: decodesReduced(upright) };
    const out: DecodedImage[] = [];
    for (const resize of resizes) out.push(await networkView(input, picture, resize));
    return out;
  } catch (e) {
    throw decodeError(e);
  }
}

/** Already upright 8-bit sRGB RGB with no profile to apply: rotating, flattening and converting would change no pixel. */
function isPlainRgb(meta: Metadata): boolean {
  return (meta.orientation ?? 1) === 1 && meta.channels === 3 && !meta.hasAlpha && meta.space === 'srgb' && meta.depth === 'uchar' && !meta.icc;
}

/**
 * One network view of an 8-bit encoded picture, streamed through libvips in strips (never whole
 * in memory).
 * - `reduced`: sharp's shrink-on-load lets the decoder shrink the picture while decoding (a JPEG at
 *   least twice too big comes out at 1/2, 1/4 or 1/8 size), then resizes the rest of the way.
 * - otherwise the view is resized from the full-size pixels, the same bytes as the shared decode.
 *   Even with fastShrinkOnLoad off, sharp would let libjpeg shrink a JPEG 4 or more times too big;
 *   a pre-resize extract of the whole picture (which changes no pixel) turns that off.
 */
async function networkView(
  input: Buffer,
  picture: { width: number; height: number; plain: boolean; reduced: boolean },
  resize: DecodeResize,
): Promise<DecodedImage> {
  let image = sharp(input, { failOn: 'warning', limitInputPixels: MAX_INPUT_PIXELS, pages: 1 });
  // Steps that would change nothing still cost libvips a stage each: 5% of a webcam photo's decode.
  if (!picture.plain) image = image.rotate();
  if (!picture.reduced) image = image.extract({ left: 0, top: 0, width: picture.width, height: picture.height });
  if (!picture.plain) image = image.flatten({ background: '#ffffff' }).toColourspace('srgb').removeAlpha();
  const fastShrinkOnLoad = picture.reduced;
  image =
    resize.fit === 'cover'
      ? image.resize(resize.size, resize.size, { fit: 'cover', position: 'centre', fastShrinkOnLoad })
      : image.resize(resize.size, resize.size, { fit: 'fill', fastShrinkOnLoad });
  const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 || data.length !== resize.size * resize.size * 3) throw new Error(`unexpected decoded layout (${info.channels} channels)`);
  return { data, width: info.width, height: info.height };
}

/** Longest side of stored thumbnails, in pixels. */
export const THUMB_SIZE = 256;

/**
 * Fully decodes the picture (full resolution, no shrink-on-load, decoder warnings are errors) and
 * returns its upright sRGB WebP thumbnail. libvips streams the decode in strips, so even a
 * 50-megapixel photo never sits in memory whole; the small decoded picture is the only output.
 */
export async function decodeToThumbnail(input: Buffer): Promise<Buffer> {
  const img = await decodeImage(input, { resize: { fit: 'inside', size: THUMB_SIZE } });
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .webp({ quality: 80, effort: 2 })
    .toBuffer();
}
