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
 * What the network sees ('cover' and 'fill') is resized from the full-size 8-bit picture, as a
 * browser has it (src/renderer/ml/resample.ts redoes the resize in the window): see `networkView`.
 * Thumbnails ('inside') may let libjpeg decode big JPEGs at reduced size: they are only looked at.
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
 * Upright pictures up to this many pixels are decoded once when several network views are asked
 * for, and every view is resized from those pixels (the same bytes: 16-bit pictures take that path
 * anyway). Above it each view decodes the file again: handing a phone photo's full-size pixels to
 * JavaScript (36 MB for 12 megapixels) costs more than decoding it three times. Measured on 2 cores:
 * the three training views of a 1280x720 JPEG cost 14 instead of 25 ms of CPU.
 */
export const SHARED_DECODE_MAX_PIXELS = 1_500_000;

/** Whether `decodeNetworkViews` decodes a picture (header as read, upright size) once for `views` views. */
export function decodesOnce(header: { depth?: string; width: number; height: number }, views: number): boolean {
  return header.depth !== 'uchar' || (views > 1 && header.width * header.height <= SHARED_DECODE_MAX_PIXELS);
}

/**
 * Network views ('cover' or 'fill') of one encoded picture, in the order asked: the same bytes as
 * `decodeImage(input, { resize })` for each, with the file read once and, for pictures up to
 * SHARED_DECODE_MAX_PIXELS, decoded once.
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
    const out: DecodedImage[] = [];
    for (const resize of resizes) out.push(await networkView(input, { ...upright, plain: isPlainRgb(meta) }, resize));
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
 * A network view of an 8-bit encoded picture, computed from its full-size upright pixels, which is
 * what a browser decodes and the window resizes. Even with fastShrinkOnLoad off, sharp lets libjpeg
 * decode a JPEG at 1/2, 1/4 or 1/8 size (in the DCT domain) when it is 4 or more times too big,
 * i.e. every phone photo. A pre-resize extract of the whole picture (which changes no pixel) turns
 * that off, and the picture still streams through libvips in strips, never whole in memory.
 * Decoding at reduced size would be 2x faster for a 9-megapixel photo (25 vs 48 ms of CPU here), but
 * no browser can reproduce it, so the live test would not see what the model was trained on.
 * (16-bit pictures would be resized at 16 bits and only then made 8-bit: `decodeNetworkViews`
 * decodes those to 8 bits whole first and resizes from there.)
 */
async function networkView(input: Buffer, upright: { width: number; height: number; plain: boolean }, resize: DecodeResize): Promise<DecodedImage> {
  let image = sharp(input, { failOn: 'warning', limitInputPixels: MAX_INPUT_PIXELS, pages: 1 });
  // Steps that would change nothing still cost libvips a stage each: 5% of a webcam photo's decode.
  if (!upright.plain) image = image.rotate();
  image = image.extract({ left: 0, top: 0, width: upright.width, height: upright.height });
  if (!upright.plain) image = image.flatten({ background: '#ffffff' }).toColourspace('srgb').removeAlpha();
  image =
    resize.fit === 'cover'
      ? image.resize(resize.size, resize.size, { fit: 'cover', position: 'centre' })
      : image.resize(resize.size, resize.size, { fit: 'fill' });
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
