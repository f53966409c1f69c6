import type { CheckInput, RawFinding } from './check-types';

/** Shorter side under the base model's input size: the photo is enlarged and looks soft to it. */
export const TINY_SIDE = 224;
/** Mean luminance (0 to 255) below which a photo is too dark, above which too bright. */
export const DARK_BELOW = 55;
export const BRIGHT_ABOVE = 215;
/**
 * Sharpness is judged against the photo's own word (the same objects, the same light): a photo with
 * well under half the edge energy of its word's typical photo is blurry. Between words it varies a
 * lot (a date on a plain wall has few edges in focus), so no single absolute line works.
 */
export const BLUR_RATIO = 0.4;
/** Words smaller than this are judged against the whole deck instead. */
const MIN_PEERS = 5;

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Blurry, dark, bright and tiny photos: one finding per photo. */
export function qualityFindings(input: CheckInput): RawFinding[] {
  const out: RawFinding[] = [];
  const sharpBy = new Map<number, number[]>();
  const all: number[] = [];
  for (const p of input.photos) {
    const s = input.stats.get(p.sha256);
    if (!s) continue;
    sharpBy.set(p.classId, [...(sharpBy.get(p.classId) ?? []), s.sharpness]);
    all.push(s.sharpness);
  }
  const deckMedian = median(all);
  const typical = new Map([...sharpBy].map(([c, v]) => [c, v.length >= MIN_PEERS ? median(v) : deckMedian]));

  input.photos.forEach((p, i) => {
    const side = Math.min(p.width, p.height);
    if (side < TINY_SIDE) out.push({ kind: 'tiny', members: [i], score: 1 - side / TINY_SIDE });
    const s = input.stats.get(p.sha256);
    if (!s) return;
    if (s.luminance < DARK_BELOW) {
      out.push({ kind: 'dark', members: [i], score: Math.min(1, (DARK_BELOW - s.luminance) / DARK_BELOW + 0.3) });
      return;
    }
    if (s.luminance > BRIGHT_ABOVE) {
      out.push({ kind: 'bright', members: [i], score: Math.min(1, (s.luminance - BRIGHT_ABOVE) / (255 - BRIGHT_ABOVE) + 0.3) });
      return;
    }
    // A dark or washed-out photo has few edges whatever its focus: it is flagged for its light only.
    const ratio = s.sharpness / (typical.get(p.classId) ?? deckMedian);
    if (ratio < BLUR_RATIO) out.push({ kind: 'blurry', members: [i], score: Math.min(1, 1 - ratio / BLUR_RATIO + 0.3) });
  });
  return out;
}
