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

export function printView(print: Uint8Array, aspect: number): PrintView {
  const g8 = new Float32Array(64);
  const block = PRINT_SIZE / 8;
  for (let y = 0; y < PRINT_SIZE; y++)
    for (let x = 0; x < PRINT_SIZE; x++) g8[((y / block) | 0) * 8 + ((x / block) | 0)] += print[y * PRINT_SIZE + x];
  for (let i = 0; i < 64; i++) g8[i] /= block * block;
  return { print, aspect, g32: grid(print, 0, 0, 1, 1, GRID, true), g16: grid(print, 0, 0, 1, 1, COARSE, true), g8 };
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

/**
 * Best distance when `inner` is a crop of `outer`: tries crops of `outer` of a few sizes at a few
 * places (the crop keeps `inner`'s aspect ratio) on a coarse grid, refines the best one by small
 * steps, and measures the winner on the fine grid.
 */
export function cropDistance(outer: PrintView, inner: PrintView): PrintDistance & { scale: number } {
  const target = inner.g16;
  let best = { sum: Infinity, scale: 1, px: 0.5, py: 0.5, x: 0, y: 0, w: 1, h: 1 };
  const tryRegion = (scale: number, pxIn: number, pyIn: number) => {
    const px = pxIn < 0 ? 0 : pxIn > 1 ? 1 : pxIn;
    const py = pyIn < 0 ? 0 : pyIn > 1 ? 1 : pyIn;
    const w = scale;
    const h = (scale * outer.aspect) / inner.aspect;
    if (w > 1 || h > 1.0001 || h < 0.5) return;
    const x = px * (1 - w);
    const y = py * (1 - Math.min(1, h));
    let sum = 0;
    // Sampled from the outer picture's smoothed 32x32 view, so the coarse samples average an area
    // as the target's cells do. Early exit: once worse than the best so far, stop measuring.
    for (let gy = 0; gy < COARSE && sum < best.sum; gy++) {
      const v = y + ((gy + 0.5) / COARSE) * h;
      for (let gx = 0; gx < COARSE; gx++) sum += Math.abs(sample(outer.g32, x + ((gx + 0.5) / COARSE) * w, v, GRID) - target[gy * COARSE + gx]);
    }
    if (sum < best.sum) best = { sum, scale, px, py, x, y, w, h: Math.min(1, h) };
  };
  for (const s of SCALES) for (const py of POSITIONS) for (const px of POSITIONS) tryRegion(s, px, py);
  // The true crop rarely sits exactly on the coarse grid: look around the best guess.
  for (const [ds, dp] of [
    [0.02, 0.12],
    [0.01, 0.06],
  ]) {
    const { scale, px, py } = best;
    for (const s of [-ds, 0, ds]) for (const y of [-dp, 0, dp]) for (const x of [-dp, 0, dp]) tryRegion(scale + s, px + x, py + y);
  }
  if (best.sum === Infinity) return { mean: Infinity, visible: 1, scale: 1 };
  return { ...distance(grid(outer.print, best.x, best.y, best.w, best.h, GRID, true), inner.g32), scale: best.scale };
}
