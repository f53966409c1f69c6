import sharp from 'sharp';
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
  const detail = text.join('; ').replace(/^Input buffer /, '').slice(0, 200);
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

/**
 * Fully decodes a picture (the first frame of an animation) to upright sRGB RGB 8-bit: EXIF
 * orientation applied, CMYK/grey/16-bit converted, transparency flattened onto white. Any decoder
 * warning (truncation, bad CRC) is an error, so a damaged file is never half-accepted.
 * The ML side reuses this so training and import see the same pixels.
 */
export async function decodeUpright(input: Buffer): Promise<DecodedImage> {
  try {
    const { data, info } = await sharp(input, { failOn: 'warning', limitInputPixels: MAX_INPUT_PIXELS, pages: 1 })
      .rotate()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 || data.length !== info.width * info.height * 3) {
      throw new Error(`unexpected decoded layout (${info.channels} channels)`);
    }
    return { data, width: info.width, height: info.height };
  } catch (e) {
    throw decodeError(e);
  }
}

/** Longest side of stored thumbnails, in pixels. */
export const THUMB_SIZE = 256;

/**
 * Fully decodes the picture (full resolution, no shrink-on-load, decoder warnings are errors) and
 * returns its upright sRGB WebP thumbnail. libvips streams the decode in strips, so even a
 * 50-megapixel photo never sits in memory whole; the thumbnail is the only output.
 */
export async function decodeToThumbnail(input: Buffer): Promise<Buffer> {
  try {
    return await sharp(input, { failOn: 'warning', limitInputPixels: MAX_INPUT_PIXELS, pages: 1 })
      .rotate()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'inside', withoutEnlargement: true, fastShrinkOnLoad: false })
      .webp({ quality: 80, effort: 2 })
      .toBuffer();
  } catch (e) {
    throw decodeError(e);
  }
}

/** An upright WebP thumbnail from decoded pixels. */
export async function makeThumbnail(img: DecodedImage): Promise<Buffer> {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80, effort: 2 })
    .toBuffer();
}
