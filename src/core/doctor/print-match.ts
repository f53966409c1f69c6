import { PRINT_SIZE } from './image-stats';

/** Side of the grid two fingerprints are compared on. */
const GRID = 32;
/** Side of the grid crops are searched on (then the best is measured on GRID). */
const COARSE = 16;
/** A pixel differing by more than this (of 255) counts as "visibly different". */
const VISIBLE = 16;

export interface PrintDistance {
  /** Mean absolute difference of grey levels, 0 to 255. */
  mean: number;
  /** Share of grid pixels visibly different. */
  visible: number;
}

/** A fingerprint with the views the comparisons need, computed once per photo. */
export interface PrintView {
  print: Uint8Array;
  aspect: number;
  /** The whole picture on GRID x GRID and COARSE x COARSE, and 8x8 block means. */
  g32: Float32Array;
  g16: Float32Array;
  g8: Float32Array;
  /** g32 box-blurred over about one 8x8 cell: what the quick crop search samples (area-like). */
  soft: Float32Array;
}

/** Bilinear sample of a size x size grey picture at (u, v) in 0..1 picture units. */
function sample(print: ArrayLike<number>, u: number, v: number, size = PRINT_SIZE): number {
  let fx = u * size - 0.5;
  let fy = v * size - 0.5;
  if (fx < 0) fx = 0;
  else if (fx > size - 1) fx = size - 1;
  if (fy < 0) fy = 0;
  else if (fy > size - 1) fy = size - 1;
  const x0 = fx | 0;
  const y0 = fy | 0;
  const x1 = x0 + 1 < size ? x0 + 1 : x0;
  const y1 = y0 + 1 < size ? y0 + 1 : y0;
  const ax = fx - x0;
  const ay = fy - y0;
  const r0 = y0 * size;
  const r1 = y1 * size;
  const top = print[r0 + x0] + (print[r0 + x1] - print[r0 + x0]) * ax;
  const bottom = print[r1 + x0] + (print[r1 + x1] - print[r1 + x0]) * ax;
  return top + (bottom - top) * ay;
}

/**
 * The region [x, x+w) x [y, y+h) (0..1 units) resampled to size x size. Fine: 2x2 samples per cell
 * (close to an area average, so downscaling does not alias); coarse: one, for searching quickly.
 */
function grid(print: Uint8Array, x: number, y: number, w: number, h: number, size: number, fine: boolean): Float32Array {
  const out = new Float32Array(size * size);
  for (let gy = 0; gy < size; gy++) {
    for (let gx = 0; gx < size; gx++) {
      let s: number;
      if (fine) {
        const u0 = x + ((gx + 0.25) / size) * w;
        const u1 = x + ((gx + 0.75) / size) * w;
        const v0 = y + ((gy + 0.25) / size) * h;
        const v1 = y + ((gy + 0.75) / size) * h;
        s = (sample(print, u0, v0) + sample(print, u1, v0) + sample(print, u0, v1) + sample(print, u1, v1)) / 4;
      } else {
        s = sample(print, x + ((gx + 0.5) / size) * w, y + ((gy + 0.5) / size) * h);
      }
      out[gy * size + gx] = s;
    }
  }
  return out;
}

/** Separable box blur of a size x size picture over 2 * radius + 1 cells (edges clamped). */
function boxBlur(src: Float32Array, size: number, radius: number): Float32Array {
  const pass = (from: Float32Array, dx: number, dy: number) => {
    const out = new Float32Array(size * size);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        let s = 0;
        for (let k = -radius; k <= radius; k++) {
          const xx = Math.min(size - 1, Math.max(0, x + k * dx));
          const yy = Math.min(size - 1, Math.max(0, y + k * dy));
          s += from[yy * size + xx];
        }
        out[y * size + x] = s / (2 * radius + 1);
      }
    return out;
  };
  return pass(pass(src, 1, 0), 0, 1);
}

export function printView(print: Uint8Array, aspect: number): PrintView {
  const g8 = new Float32Array(64);
  const block = PRINT_SIZE / 8;
  for (let y = 0; y < PRINT_SIZE; y++)
    for (let x = 0; x < PRINT_SIZE; x++) g8[((y / block) | 0) * 8 + ((x / block) | 0)] += print[y * PRINT_SIZE + x];
  for (let i = 0; i < 64; i++) g8[i] /= block * block;
  const g32 = grid(print, 0, 0, 1, 1, GRID, true);
  return { print, aspect, g32, g16: grid(print, 0, 0, 1, 1, COARSE, true), g8, soft: boxBlur(g32, GRID, 2) };
}

function distance(a: Float32Array, b: Float32Array): PrintDistance {
  let sum = 0;
  let visible = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    sum += d;
    if (d > VISIBLE) visible++;
  }
  return { mean: sum / a.length, visible: visible / a.length };
}

/** Whole-picture distance of two fingerprints (both squashed to a square, so sizes do not matter). */
export function printDistance(a: PrintView, b: PrintView): PrintDistance {
  return distance(a.g32, b.g32);
}

/** Mean difference of the 8x8 block means: a cheap first filter before comparing whole prints. */
export function coarseDistance(a: PrintView, b: PrintView): number {
  let s = 0;
  for (let i = 0; i < 64; i++) s += Math.abs(a.g8[i] - b.g8[i]);
  return s / 64;
}

/** Crop sizes tried (share of the larger picture's width kept), and where the crop may sit. */
const SCALES = [0.95, 0.9, 0.85, 0.8];
const POSITIONS = [0, 0.25, 0.5, 0.75, 1];
/** Side of the grid of the quick first search: a quarter of the samples of the COARSE one. */
const QUICK = 8;

interface Region {
  sum: number;
  scale: number;
  px: number;
  py: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The best place of a crop of `outer` looking like `target` (a size x size view of the inner
 * picture), sampled from `source` (a smoothed view of `outer`, so samples average an area as the
 * target's cells do): a few sizes at a few places (the crop keeps the inner aspect ratio), then
 * small steps around the best guess when `refine`.
 */
function searchCrop(
  outer: PrintView,
  innerAspect: number,
  source: Float32Array,
  target: Float32Array,
  size: number,
  refine: boolean,
  limit = Infinity,
): Region {
  let best: Region = { sum: limit, scale: 1, px: 0.5, py: 0.5, x: 0, y: 0, w: 1, h: 1 };
  const tryRegion = (scale: number, pxIn: number, pyIn: number) => {
    const px = pxIn < 0 ? 0 : pxIn > 1 ? 1 : pxIn;
    const py = pyIn < 0 ? 0 : pyIn > 1 ? 1 : pyIn;
    const w = scale;
    const h = (scale * outer.aspect) / innerAspect;
    if (w > 1 || h > 1.0001 || h < 0.5) return;
    const x = px * (1 - w);
    const y = py * (1 - Math.min(1, h));
    let sum = 0;
    // Early exit: once worse than the best so far, stop measuring.
    for (let gy = 0; gy < size && sum < best.sum; gy++) {
      const v = y + ((gy + 0.5) / size) * h;
      for (let gx = 0; gx < size; gx++) sum += Math.abs(sample(source, x + ((gx + 0.5) / size) * w, v, GRID) - target[gy * size + gx]);
    }
    if (sum < best.sum) best = { sum, scale, px, py, x, y, w, h: Math.min(1, h) };
  };
  for (const s of SCALES) for (const py of POSITIONS) for (const px of POSITIONS) tryRegion(s, px, py);
  if (!refine) return best;
  // The true crop rarely sits exactly on the coarse grid: look around the best guess.
  for (const [ds, dp] of [
    [0.02, 0.12],
    [0.01, 0.06],
  ]) {
    const { scale, px, py } = best;
    for (const s of [-ds, 0, ds]) for (const y of [-dp, 0, dp]) for (const x of [-dp, 0, dp]) tryRegion(scale + s, px + x, py + y);
  }
  return best;
}

/**
 * Mean grey difference of the best crop found on an 8x8 grid (no refinement), or Infinity when
 * none is within `limit`: a small share of the work of `cropDistance`, so it screens candidate
 * pairs before the full search (measuring stops as soon as a place is worse than `limit`).
 */
export function quickCropDistance(outer: PrintView, inner: PrintView, limit = Infinity): number {
  const cells = QUICK * QUICK;
  const best = searchCrop(outer, inner.aspect, outer.soft, inner.g8, QUICK, false, limit * cells);
  return best.sum < limit * cells ? best.sum / cells : Infinity;
}

/**
 * Best distance when `inner` is a crop of `outer`: searched on the COARSE grid, refined by small
 * steps, and the winner measured on the fine grid.
 */
export function cropDistance(outer: PrintView, inner: PrintView): PrintDistance & { scale: number } {
  const best = searchCrop(outer, inner.aspect, outer.g32, inner.g16, COARSE, true);
  if (best.sum === Infinity) return { mean: Infinity, visible: 1, scale: 1 };
  return { ...distance(grid(outer.print, best.x, best.y, best.w, best.h, GRID, true), inner.g32), scale: best.scale };
}
