/**
 * The core's preprocessing, in plain TypeScript: "centre square of the upright image, resized to
 * size x size, RGB" exactly as src/core/ml/features/preprocess.ts asks sharp (libvips) for it: resize the
 * whole image so its shorter side is `size`, then cut the centre square; transparency lands on white.
 * The resize follows libvips's Lanczos-3 reduce to the bit (vertical then horizontal pass, integer
 * weights, 1/64-pixel positions, 8 bits in between), so decoded pixels give the core's bytes. Only
 * the rows and columns the crop keeps are computed: a 640x360 camera frame costs a few ms.
 *
 * No DOM and no TF.js here: the window, the phone page and the unit test (against sharp) share it.
 */

/** Pixels as canvases hand them out: RGBA, row-major, 8 bits per channel. */
export interface RgbaImage {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

const LOBES = 3;
/** libvips keeps tap weights as integers scaled by 4096 ... */
const WEIGHT_ONE = 4096;
/** ... and places each output pixel on a 1/64 pixel grid. */
const SUBPIXELS = 64;

function lanczos3(x: number): number {
  if (x === 0) return 1;
  if (x <= -LOBES || x >= LOBES) return 0;
  const px = Math.PI * x;
  return (LOBES * Math.sin(px) * Math.sin(px / LOBES)) / (px * px);
}

/** For each output pixel along one axis: the first input index and its integer tap weights. */
export interface Taps {
  first: Int32Array;
  weights: Int32Array;
  n: number;
}

/**
 * Taps for reducing `inSize` input pixels to `outSize` (before cropping) by `shrink`, for the
 * outputs [from, from + count). Pixels past the edge repeat the edge pixel, as libvips does.
 */
export function makeTaps(inSize: number, outSize: number, shrink: number, from: number, count: number): Taps {
  const support = Math.max(shrink, 1);
  const n = 2 * Math.round(LOBES * support) + 1;
  const first = new Int32Array(count);
  const weights = new Int32Array(count * n);
  // Input the rounding of outSize leaves over is discarded equally at both ends.
  const offset = (1 + (outSize * shrink - inSize)) / 2 - 1;
  const w = new Float64Array(n);
  for (let o = 0; o < count; o++) {
    const pos = (from + o + 0.5) * shrink - 0.5 - offset;
    const whole = Math.trunc(pos);
    const frac = ((Math.trunc(pos * SUBPIXELS * 2) & (SUBPIXELS * 2 - 1)) + 1) >> 1;
    const half = frac / SUBPIXELS + n / 2 - 1;
    first[o] = whole - (Math.ceil(n / 2) - 1);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += w[i] = lanczos3((i - half) / support);
    for (let i = 0; i < n; i++) weights[o * n + i] = Math.trunc((w[i] / sum) * WEIGHT_ONE);
  }
  return { first, weights, n };
}

const clamp = (v: number, hi: number) => (v < 0 ? 0 : v > hi ? hi : v);
/** Back to 8 bits: round the fixed-point sum and clip. */
const toByte = (sum: number) => {
  const v = (sum + WEIGHT_ONE / 2) >> 12;
  return v < 0 ? 0 : v > 255 ? 255 : v;
};

/** Geometry of the cover resize: the factor, the resized size and where the centre square starts. */
export function coverGeometry(width: number, height: number, size: number) {
  const shrink = Math.min(width, height) / size;
  const outW = Math.max(size, Math.round(width / shrink));
  const outH = Math.max(size, Math.round(height / shrink));
  return { shrink, outW, outH, left: (outW - size + 1) >> 1, top: (outH - size + 1) >> 1 };
}

const tapCache = new Map<string, { h: Taps; v: Taps }>();

function tapsFor(width: number, height: number, size: number): { h: Taps; v: Taps } {
  const key = `${width}x${height}>${size}`;
  let taps = tapCache.get(key);
  if (!taps) {
    const g = coverGeometry(width, height, size);
    taps = { h: makeTaps(width, g.outW, g.shrink, g.left, size), v: makeTaps(height, g.outH, g.shrink, g.top, size) };
    // A camera gives one frame size; photos a handful. Keep the table small anyway.
    if (tapCache.size > 16) tapCache.clear();
    tapCache.set(key, taps);
  }
  return taps;
}

/**
 * RGB bytes of columns [x0, x1] of the picture, transparency on white as sharp's flatten gives it
 * (truncated to 8 bits, before any resampling).
 */
function flatRgb(image: RgbaImage, x0: number, x1: number): Uint8Array {
  const { data, width, height } = image;
  const w = x1 - x0 + 1;
  const rgb = new Uint8Array(w * height * 3);
  let q = 0;
  for (let y = 0; y < height; y++) {
    for (let p = (y * width + x0) * 4, end = p + w * 4; p < end; p += 4, q += 3) {
      const a = data[p + 3];
      if (a === 255) {
        rgb[q] = data[p];
        rgb[q + 1] = data[p + 1];
        rgb[q + 2] = data[p + 2];
      } else {
        const k = a / 255;
        rgb[q] = Math.trunc(data[p] * k + 255 * (1 - k));
        rgb[q + 1] = Math.trunc(data[p + 1] * k + 255 * (1 - k));
        rgb[q + 2] = Math.trunc(data[p + 2] * k + 255 * (1 - k));
      }
    }
  }
  return rgb;
}

/** RGB bytes (size x size x 3) of the centre square, resized the way the core resizes photos. */
export function centreSquareRgb(image: RgbaImage, size: number): Uint8Array {
  const { width, height } = image;
  if (width < 1 || height < 1) throw new Error('The picture is empty.');
  const { h, v } = tapsFor(width, height, size);
  // Only the columns the kept square reaches (edge taps repeat the edge pixel, as before).
  const maxX = width - 1;
  const x0 = clamp(h.first[0], maxX);
  const x1 = clamp(h.first[size - 1] + h.n - 1, maxX);
  const src = flatRgb(image, x0, x1);
  const stride = (x1 - x0 + 1) * 3;
  // Vertical pass first (for the kept rows), 8 bits in between: libvips's order.
  const mid = new Uint8Array(size * stride);
  const maxY = height - 1;
  for (let o = 0; o < size; o++) {
    const start = v.first[o];
    const wBase = o * v.n;
    const out = o * stride;
    for (let x = 0; x < stride; x++) {
      let s = 0;
      for (let i = 0; i < v.n; i++) s += v.weights[wBase + i] * src[clamp(start + i, maxY) * stride + x];
      mid[out + x] = toByte(s);
    }
  }
  const out = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    const row = y * stride;
    for (let o = 0; o < size; o++) {
      const start = h.first[o];
      const wBase = o * h.n;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let i = 0; i < h.n; i++) {
        const w = h.weights[wBase + i];
        const p = row + (clamp(start + i, maxX) - x0) * 3;
        r += w * mid[p];
        g += w * mid[p + 1];
        b += w * mid[p + 2];
      }
      const q = (y * size + o) * 3;
      out[q] = toByte(r);
      out[q + 1] = toByte(g);
      out[q + 2] = toByte(b);
    }
  }
  return out;
}
