/**
 * The core's preprocessing of decoded pixels (camera frames), in plain TypeScript: "centre square of
 * the upright image, resized to size x size, RGB" exactly as src/core/media/decode-image.ts asks sharp
 * (libvips) for it from raw pixels: resize the
 * whole image so its shorter side is `size`, then cut the centre square; transparency lands on white.
 * The resize follows libvips's resize to the bit: per axis (vertical first, 8 bits in between), an
 * integer box average when the picture is more than twice too big ("gap" 2: a 4032x3024 photo is
 * averaged 6 by 6 first), then the Lanczos-3 reduce (integer weights, 1/64-pixel positions). So
 * decoded pixels give the core's bytes at any size. Only the rows and columns the crop keeps are
 * computed: a 640x360 camera frame costs a few ms. (Photo files are decoded by the core, which may
 * decode big JPEGs at reduced size; the studio's Test tab asks it for their pixels.)
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

/** C's rint(): halves go to the even neighbour (libvips sizes its masks with it). */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Taps for the Lanczos reduce by `shrink` (what is left after the box average), for the outputs
 * [from, from + count); `extra` is the input the rounding of the output size invents (negative:
 * leaves over), in box-averaged pixels. Pixels past the edge repeat the edge pixel, as libvips does.
 */
export function makeTaps(shrink: number, extra: number, from: number, count: number): Taps {
  const support = Math.max(shrink, 1);
  const n = 2 * rint(LOBES * support) + 1;
  const first = new Int32Array(count);
  const weights = new Int32Array(count * n);
  // Input the rounding of the output size leaves over is discarded equally at both ends.
  const offset = (1 + extra) / 2 - 1;
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

/** libvips's "gap": a reduce by more than twice this is done partly by an integer box average first. */
const GAP = 2;

/** One axis of the resize: the box average (1: none) and the Lanczos taps over its output. */
export interface Axis {
  box: number;
  /** Input pixels after the box average (the last box repeats the edge pixel to fill up). */
  boxed: number;
  taps: Taps;
}

/**
 * The plan for reducing `inSize` pixels to `outSize` (before cropping) by `shrink`, for the outputs
 * [from, from + count): libvips's reducev/reduceh with their default gap.
 */
export function makeAxis(inSize: number, outSize: number, shrink: number, from: number, count: number): Axis {
  const box = Math.max(1, Math.floor(inSize / outSize / GAP));
  return { box, boxed: Math.ceil(inSize / box), taps: makeTaps(shrink / box, (outSize * shrink - inSize) / box, from, count) };
}

const axisCache = new Map<string, { h: Axis; v: Axis }>();

function axesFor(width: number, height: number, size: number): { h: Axis; v: Axis } {
  const key = `${width}x${height}>${size}`;
  let axes = axisCache.get(key);
  if (!axes) {
    const g = coverGeometry(width, height, size);
    axes = { h: makeAxis(width, g.outW, g.shrink, g.left, size), v: makeAxis(height, g.outH, g.shrink, g.top, size) };
    // A camera gives one frame size; photos a handful. Keep the table small anyway.
    if (axisCache.size > 16) axisCache.clear();
    axisCache.set(key, axes);
  }
  return axes;
}

/** libvips's box average of `box` 8-bit values (sum given), in its fixed point: (sum + box/2) * (2^32 / 256box) >> 24. */
function boxAverage(sum: number, box: number): number {
  return Math.floor(((sum + (box >> 1)) * Math.floor(2 ** 32 / (256 * box))) / 2 ** 24);
}

/** Box-averages rows [r0, r1] (in averaged rows) of an RGB plane `stride` bytes wide, `rows` tall. */
function boxRows(src: Uint8Array, stride: number, rows: number, box: number, r0: number, r1: number): Uint8Array {
  const out = new Uint8Array((r1 - r0 + 1) * stride);
  const sums = new Uint32Array(stride);
  for (let r = r0; r <= r1; r++) {
    sums.fill(0);
    for (let k = 0; k < box; k++) {
      const row = Math.min(r * box + k, rows - 1) * stride;
      for (let x = 0; x < stride; x++) sums[x] += src[row + x];
    }
    const o = (r - r0) * stride;
    for (let x = 0; x < stride; x++) out[o + x] = boxAverage(sums[x], box);
  }
  return out;
}

/**
 * Box-averages columns [c0, c1] (in averaged columns) of an RGB plane whose columns start at
 * original column `x0` and run to `lastX` (the picture's last column).
 */
function boxColumns(src: Uint8Array, width: number, rows: number, box: number, c0: number, c1: number, x0: number, lastX: number): Uint8Array {
  const cols = c1 - c0 + 1;
  const out = new Uint8Array(rows * cols * 3);
  for (let y = 0; y < rows; y++) {
    for (let c = c0; c <= c1; c++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < box; k++) {
        const p = (y * width + Math.min(c * box + k, lastX) - x0) * 3;
        r += src[p];
        g += src[p + 1];
        b += src[p + 2];
      }
      const q = (y * cols + c - c0) * 3;
      out[q] = boxAverage(r, box);
      out[q + 1] = boxAverage(g, box);
      out[q + 2] = boxAverage(b, box);
    }
  }
  return out;
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
  const { h: ha, v: va } = axesFor(width, height, size);
  const { taps: h } = ha;
  const { taps: v } = va;
  // Only the (box-averaged) columns the kept square reaches; edge taps repeat the edge pixel.
  const c0 = clamp(h.first[0], ha.boxed - 1);
  const c1 = clamp(h.first[size - 1] + h.n - 1, ha.boxed - 1);
  const x0 = c0 * ha.box;
  const x1 = Math.min(width - 1, c1 * ha.box + ha.box - 1);
  const stride = (x1 - x0 + 1) * 3;
  let src: Uint8Array = flatRgb(image, x0, x1);
  // Vertical pass first, 8 bits in between: libvips's order. Rows [r0, r1] are the ones the taps reach.
  const r0 = clamp(v.first[0], va.boxed - 1);
  const r1 = clamp(v.first[size - 1] + v.n - 1, va.boxed - 1);
  if (va.box > 1) src = boxRows(src, stride, height, va.box, r0, r1);
  else src = src.subarray(r0 * stride, (r1 + 1) * stride);
  let mid: Uint8Array = new Uint8Array(size * stride);
  for (let o = 0; o < size; o++) {
    const start = v.first[o];
    const wBase = o * v.n;
    const out = o * stride;
    for (let x = 0; x < stride; x++) {
      let s = 0;
      for (let i = 0; i < v.n; i++) s += v.weights[wBase + i] * src[(clamp(start + i, va.boxed - 1) - r0) * stride + x];
      mid[out + x] = toByte(s);
    }
  }
  // Then the horizontal pass on what the vertical one gave: its box average, then Lanczos.
  let midCols = x1 - x0 + 1;
  if (ha.box > 1) {
    mid = boxColumns(mid, midCols, size, ha.box, c0, c1, x0, width - 1);
    midCols = c1 - c0 + 1;
  }
  const out = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    const row = y * midCols;
    for (let o = 0; o < size; o++) {
      const start = h.first[o];
      const wBase = o * h.n;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let i = 0; i < h.n; i++) {
        const w = h.weights[wBase + i];
        const p = (row + clamp(start + i, ha.boxed - 1) - c0) * 3;
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
