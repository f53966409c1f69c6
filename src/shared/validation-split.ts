/**
 * How many of a word's photos are held back to check the model: its last round(n x share), at least
 * one, but always leaving one to learn from; a word with a single photo gives none. The core's split
 * (src/core/ml/training/block-split.ts) and the Train tab's plan ("checks itself on 12") both count with this.
 */
export function heldBackCount(photos: number, share: number): number {
  if (share <= 0 || photos < 2) return 0;
  return Math.min(photos - 1, Math.max(1, Math.round(photos * share)));
}
