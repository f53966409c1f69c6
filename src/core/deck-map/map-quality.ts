/**
 * How well a map keeps words apart, in figures a test or bench can state: for each point, the share
 * of its k nearest points on the map that carry its own word (nearest-neighbour purity), averaged.
 * 1 means every word sits in its own region; labels shuffled at random give about the share of
 * the largest words (1/2 for two words of equal size).
 */
export function neighbourPurity(points: readonly (readonly [number, number])[], labels: readonly string[], k: number): number {
  const n = points.length;
  if (n < 2) return 1;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const [xi, yi] = points[i];
    const nearest = points
      .map(([x, y], j) => ({ j, d: (x - xi) ** 2 + (y - yi) ** 2 }))
      .filter((e) => e.j !== i)
      .sort((a, b) => a.d - b.d)
      .slice(0, k);
    sum += nearest.filter((e) => labels[e.j] === labels[i]).length / nearest.length;
  }
  return sum / n;
}
