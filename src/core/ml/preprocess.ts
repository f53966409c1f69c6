import sharp from 'sharp';
import { decodeError, MAX_INPUT_PIXELS } from '../media/decode-image';

/**
 * Bump when the pixels a photo turns into change (crop, resize, variants): cached features are keyed
 * by it, so old ones are simply not found again.
 */
export const PREPROCESSING_VERSION = 2;

/**
 * The plain view plus the augmentation views training may add: a mirror image, and two 80% crops
 * (top-left and bottom-right of the centre square) that act like a small zoom and shift.
 */
export const VARIANTS = ['orig', 'flip', 'crop-tl', 'crop-br'] as const;
export type Variant = (typeof VARIANTS)[number];
export const AUGMENT_VARIANTS: readonly Variant[] = ['flip', 'crop-tl', 'crop-br'];

/** Share of the centre square the crop variants keep. */
const CROP_SHARE = 0.8;

/**
 * Upright sRGB RGB, transparency on white, centre square resized to `size` x `size`: the same
 * decoding steps as import's `decodeUpright`. JPEGs are decoded at full size (no shrink-on-load,
 * which decodes big JPEGs at reduced size in the DCT domain): a browser cannot do that, and the
 * window's live model (src/renderer/ml/resample.ts) must see the very pixels the model was trained
 * on. Version 1 used shrink-on-load: ~1.6x faster to decode, but up to 2e-2 apart from the window.
 */
async function squareRgb(input: Buffer, size: number): Promise<Buffer> {
  try {
    return await sharp(input, { failOn: 'none', limitInputPixels: MAX_INPUT_PIXELS, pages: 1 })
      .rotate()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .resize(size, size, { fit: 'cover', position: 'centre', fastShrinkOnLoad: false })
      .raw({ depth: 'uchar' })
      .toBuffer();
  } catch (e) {
    throw decodeError(e);
  }
}

function mirror(rgb: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(rgb.length);
  const row = size * 3;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const src = y * row + x * 3;
      const dst = y * row + (size - 1 - x) * 3;
      out[dst] = rgb[src];
      out[dst + 1] = rgb[src + 1];
      out[dst + 2] = rgb[src + 2];
    }
  }
  return out;
}

function window(rgb: Uint8Array, big: number, size: number, left: number, top: number): Uint8Array {
  const out = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    const start = ((top + y) * big + left) * 3;
    out.set(rgb.subarray(start, start + size * 3), y * size * 3);
  }
  return out;
}

/** Pixels (size x size x 3, 0..255) for each requested variant of one photo. */
export async function preparePixels(input: Buffer, size: number, variants: readonly Variant[]): Promise<Map<Variant, Uint8Array>> {
  const out = new Map<Variant, Uint8Array>();
  if (variants.includes('orig') || variants.includes('flip')) {
    const orig = new Uint8Array(await squareRgb(input, size));
    if (variants.includes('orig')) out.set('orig', orig);
    if (variants.includes('flip')) out.set('flip', mirror(orig, size));
  }
  if (variants.includes('crop-tl') || variants.includes('crop-br')) {
    const big = Math.round(size / CROP_SHARE);
    const large = new Uint8Array(await squareRgb(input, big));
    if (variants.includes('crop-tl')) out.set('crop-tl', window(large, big, size, 0, 0));
    if (variants.includes('crop-br')) out.set('crop-br', window(large, big, size, big - size, big - size));
  }
  return out;
}

/**
 * The exact input pixels the core feeds the network for a photo, as a lossless PNG of
 * size x size. A host can serve it so the window's TF.js sees the same pixels as the core
 * (prediction parity checks), since a browser's own JPEG decoding and resizing differ slightly.
 */
export async function modelInputPng(input: Buffer, size: number): Promise<Buffer> {
  const rgb = await squareRgb(input, size);
  return sharp(rgb, { raw: { width: size, height: size, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
}
