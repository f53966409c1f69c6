import sharp, { type OutputInfo } from 'sharp';
import { decodeError } from '../media/decode-image';

/** Side of the grey fingerprint kept per photo for duplicate checks (pixels). */
export const PRINT_SIZE = 64;

/** Bump when the way statistics are computed changes: cached rows of an older version are recomputed. */
export const STATS_VERSION = 1;

/** Cheap statistics of one photo, measured on its stored thumbnail (upright, at most 256 px). */
export interface ImageStats {
  /** Mean luminance, 0 (black) to 255 (white). */
  luminance: number;
  /** Variance of the Laplacian of the grey thumbnail: low means few sharp edges (blur). */
  sharpness: number;
  /** Grey picture squashed to PRINT_SIZE x PRINT_SIZE, rows top to bottom. */
  print: Uint8Array;
  /** Aspect ratio (width / height) of the thumbnail, so of the photo. */
  aspect: number;
}

/** Variance of the 4-neighbour Laplacian over the inner pixels. */
export function laplacianVariance(grey: ArrayLike<number>, width: number, height: number): number {
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const v = grey[i - 1] + grey[i + 1] + grey[i - width] + grey[i + width] - 4 * grey[i];
      sum += v;
      sumSq += v * v;
      n++;
    }
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

/** Area-average resampling of a grey picture to size x size (squashed), for fingerprints. */
export function squash(grey: ArrayLike<number>, width: number, height: number, size: number): Uint8Array {
  const out = new Uint8Array(size * size);
  for (let oy = 0; oy < size; oy++) {
    const y0 = Math.floor((oy * height) / size);
    const y1 = Math.max(y0 + 1, Math.floor(((oy + 1) * height) / size));
    for (let ox = 0; ox < size; ox++) {
      const x0 = Math.floor((ox * width) / size);
      const x1 = Math.max(x0 + 1, Math.floor(((ox + 1) * width) / size));
      let s = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) s += grey[y * width + x];
      out[oy * size + ox] = Math.round(s / ((y1 - y0) * (x1 - x0)));
    }
  }
  return out;
}

/** Decodes a stored thumbnail and measures it. Throws a StudioError when it cannot be read. */
export async function measureThumbnail(thumbnail: Buffer): Promise<ImageStats> {
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    // libvips makes the grey picture (Rec. 601 luminance), which is far quicker than doing it here.
    decoded = await sharp(thumbnail, { failOn: 'warning' }).removeAlpha().greyscale().raw().toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw decodeError(e);
  }
  const { width, height } = decoded.info;
  if (decoded.info.channels !== 1) throw decodeError(new Error(`unexpected ${decoded.info.channels} channels`));
  // Read as bytes: the sums are whole numbers, exact either way, without a float copy of each pixel.
  const grey = new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length);
  let sum = 0;
  for (let i = 0; i < grey.length; i++) sum += grey[i];
  return {
    luminance: sum / grey.length,
    sharpness: laplacianVariance(grey, width, height),
    print: squash(grey, width, height, PRINT_SIZE),
    aspect: width / height,
  };
}
