import { describe, expect, it } from 'vitest';
import { LiveStats, quantile } from './live-stats';

describe('live stats', () => {
  it('counts frames per second over the recent frames', () => {
    const s = new LiveStats(10);
    for (let i = 0; i < 20; i++) s.push(i * 50, 30);
    expect(s.fps).toBeCloseTo(20, 5);
  });

  it('gives the median and 95th percentile latency', () => {
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(
      quantile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        0.95,
      ),
    ).toBe(95);
    expect(quantile([], 0.5)).toBe(0);
  });
});
