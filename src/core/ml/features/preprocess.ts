import { decodeNetworkViews, type DecodeResize } from '../../media/decode-image';

/**
 * Bump when the pixels a photo turns into change (crop, resize, variants): cached features are keyed
 * by it, so old ones are simply not found again. 3: photos 4 or more times bigger than the network's
 * input (phone photos) were no longer decoded at reduced size by libjpeg, which the window could not
 * reproduce. 4: pictures above 1.5 megapixels are decoded at reduced size again, 2.5-3x faster, now
 * that the window asks the core for photo files' pixels (decode-image.ts); camera-sized pictures
 * and camera frames give the same pixels as in 3.
 */
export const PREPROCESSING_VERSION = 4;

/**
 * The plain view (centre square) plus the augmentation views training may add: a mirror image, two
 * 80% crops (top-left and bottom-right of the centre square) that act like a small zoom and shift,
 * and the whole frame squashed to a square (and its mirror), which is how phone pipelines (ML Kit,
 * MediaPipe, the Task Library) feed a camera frame when no region is given.
 */
export const VARIANTS = ['orig', 'flip', 'crop-tl', 'crop-br', 'squash', 'squash-flip'] as const;
export type Variant = (typeof VARIANTS)[number];
export const AUGMENT_VARIANTS: readonly Variant[] = ['flip', 'crop-tl', 'crop-br', 'squash', 'squash-flip'];

/** The views of each training photo a run learns from: the plain view, plus every augmentation view when on. */
export function trainingVariants(settings: { augmentation: boolean }): Variant[] {
  return settings.augmentation ? ['orig', ...AUGMENT_VARIANTS] : ['orig'];
}

/** Share of the centre square the crop variants keep. */
const CROP_SHARE = 0.8;

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

/**
 * Pixels (size x size x 3, 0..255) for each requested variant of one photo: up to three views (the
 * centre square, the squashed frame, the larger square the crops come from) from the one decoder
 * (src/core/media/decode-image.ts), which reads the file once and, for camera-sized photos,
 * decodes it once for all of them.
 */
export async function preparePixels(input: Buffer, size: number, variants: readonly Variant[]): Promise<Map<Variant, Uint8Array>> {
  const wants = (...vs: Variant[]) => vs.some((v) => variants.includes(v));
  const big = Math.round(size / CROP_SHARE);
  const resizes: { key: 'square' | 'squashed' | 'large'; resize: DecodeResize }[] = [];
  if (wants('orig', 'flip')) resizes.push({ key: 'square', resize: { fit: 'cover', size } });
  if (wants('squash', 'squash-flip')) resizes.push({ key: 'squashed', resize: { fit: 'fill', size } });
  if (wants('crop-tl', 'crop-br')) resizes.push({ key: 'large', resize: { fit: 'cover', size: big } });
  const decoded = await decodeNetworkViews(
    input,
    resizes.map((r) => r.resize),
  );
  const view = new Map(resizes.map((r, i) => [r.key, new Uint8Array(decoded[i].data)]));
  const out = new Map<Variant, Uint8Array>();
  const square = view.get('square');
  if (square && variants.includes('orig')) out.set('orig', square);
  if (square && variants.includes('flip')) out.set('flip', mirror(square, size));
  const squashed = view.get('squashed');
  if (squashed && variants.includes('squash')) out.set('squash', squashed);
  if (squashed && variants.includes('squash-flip')) out.set('squash-flip', mirror(squashed, size));
  const large = view.get('large');
  if (large && variants.includes('crop-tl')) out.set('crop-tl', window(large, big, size, 0, 0));
  if (large && variants.includes('crop-br')) out.set('crop-br', window(large, big, size, big - size, big - size));
  return out;
}
