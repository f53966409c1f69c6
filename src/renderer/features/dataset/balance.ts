function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * A warning when one class has far fewer photos than the others: the model would then learn that
 * word worse, and the teacher can fix it before training. Null when the class is fine.
 */
export function fewPhotosWarning(count: number, otherCounts: number[]): string | null {
  if (otherCounts.length === 0) return null;
  const typical = Math.round(median(otherCounts));
  if (typical < 4) return null;
  if (count === 0) return `No photos yet; the other words have about ${typical}.`;
  if (count < typical / 2)
    return `Only ${count} ${count === 1 ? 'photo' : 'photos'}; the other words have about ${typical}. Add more so this word is learnt as well.`;
  return null;
}
