import { PRINT_SIZE } from './image-stats';

/** Side of the grid two fingerprints are compared on. */
const GRID = 32;
/** Side of the grid crops are searched on. */
const COARSE = 16;
/** A pixel differing by more than this (of 255) counts as "visibly different". */
const VISIBLE = 16;

export interface PrintDistance {
  /** Mean absolute difference of grey levels, 0 to 255. */
  mean: number;
  /** Share of grid pixels visibly different. */
  visible: number;
}

/** How a fingerprint region is read: the part [x, x+w) x [y, y+h) of the picture, in 0..1 units. */
interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

const WHOLE: Region = { x: 0, y: 0, w: 1, h: 1 };

/** Bilinear sample of the fingerprint at (u, v) in 0..1 picture units. */
function sample(print: Uint8Array, u: number, v: number): number {
  const fx = Math.min(PRINT_SIZE - 1, Math.max(0, u * PRINT_SIZE - 0.5));
  const fy = Math.min(PRINT_SIZE - 1, Math.max(0, v * PRINT_SIZE - 0.5));
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const x1 = Math.min(PRINT_SIZE - 1, x0 + 1);
  const y1 = Math.min(PRINT_SIZE - 1, y0 + 1);
  const ax = fx - x0;
  const ay = fy - y0;
  const top = print[y0 * PRINT_SIZE + x0] * (1 - ax) + print[y0 * PRINT_SIZE + x1] * ax;
  const bottom = print[y1 * PRINT_SIZE + x0] * (1 - ax) + print[y1 * PRINT_SIZE + x1] * ax;
  return top * (1 - ay) + bottom * ay;
}

/**
 * The region of a fingerprint resampled to size x size. Fine: two samples a side per cell (close
 * to an area average, so downscaling does not alias); coarse: one, for searching quickly.
 */
function grid(print: Uint8Array, r: Region, size = GRID, fine = true): Float32Array {
  const out = new Float32Array(size * size);
  const offsets = fine ? [0.25, 0.75] : [0.5];
  const n = offsets.length * offsets.length;
  for (let gy = 0; gy < size; gy++) {
    for (let gx = 0; gx < size; gx++) {
      let s = 0;
      for (const oy of offsets) for (const ox of offsets) s += sample(print, r.x + ((gx + ox) / size) * r.w, r.y + ((gy + oy) / size) * r.h);
      out[gy * size + gx] = s / n;
    }
  }
  return out;
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
export function printDistance(a: Uint8Array, b: Uint8Array): PrintDistance {
  return distance(grid(a, WHOLE), grid(b, WHOLE));
}

/** Coarse 8x8 block means of a fingerprint: a cheap first filter before comparing whole prints. */
export function coarsePrint(print: Uint8Array): Float32Array {
  const block = PRINT_SIZE / 8;
  const out = new Float32Array(64);
  for (let y = 0; y < PRINT_SIZE; y++)
    for (let x = 0; x < PRINT_SIZE; x++) out[Math.floor(y / block) * 8 + Math.floor(x / block)] += print[y * PRINT_SIZE + x];
  for (let i = 0; i < 64; i++) out[i] /= block * block;
  return out;
}

export function coarseDistance(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < 64; i++) s += Math.abs(a[i] - b[i]);
  return s / 64;
}

/** Crop sizes tried (share of the larger picture's width kept). */
const SCALES = [0.95, 0.9, 0.85, 0.8];
const POSITIONS = [0, 0.25, 0.5, 0.75, 1];

/**
 * Best distance when `inner` is a crop of `outer`: tries crops of `outer` of a few sizes at a few
 * places (the crop keeps `inner`'s aspect ratio), then refines the best one by small steps.
 */
export function cropDistance(outer: Uint8Array, outerAspect: number, inner: Uint8Array, innerAspect: number): PrintDistance & { scale: number } {
  // Searched on a coarse grid, the winner measured on the fine one.
  const coarseTarget = grid(inner, WHOLE, COARSE, false);
  const regionFor = (scale: number, px: number, py: number): Region | null => {
    const w = scale;
    const h = (scale * outerAspect) / innerAspect;
    if (h > 1.0001 || h < 0.5) return null;
    return { x: px * (1 - w), y: py * (1 - h), w, h: Math.min(1, h) };
  };
  let best = { mean: Infinity, scale: 1, px: 0.5, py: 0.5, region: WHOLE };
  const tryRegion = (scale: number, px: number, py: number) => {
    const x = Math.min(1, Math.max(0, px));
    const y = Math.min(1, Math.max(0, py));
    const r = regionFor(scale, x, y);
    if (!r) return;
    const d = distance(grid(outer, r, COARSE, false), coarseTarget);
    if (d.mean < best.mean) best = { mean: d.mean, scale, px: x, py: y, region: r };
  };
  for (const s of SCALES) for (const py of POSITIONS) for (const px of POSITIONS) tryRegion(s, px, py);
  // Refine around the best guess: the true crop rarely sits exactly on the coarse grid.
  for (const [ds, dp] of [
    [0.02, 0.12],
    [0.01, 0.06],
  ]) {
    const around = { ...best };
    for (const s of [-ds, 0, ds])
      for (const y of [-dp, 0, dp]) for (const x of [-dp, 0, dp]) tryRegion(around.scale + s, around.px + x, around.py + y);
  }
  if (best.mean === Infinity) return { mean: Infinity, visible: 1, scale: 1 };
  return { ...distance(grid(outer, best.region), grid(inner, WHOLE)), scale: best.scale };
}
