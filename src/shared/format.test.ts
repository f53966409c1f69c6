import { describe, expect, it } from 'vitest';
import { formatBytes, formatBytesOf, formatDate, formatTimeLeft, formatWhen } from './format';

describe('formatBytes', () => {
  it('counts in 1024s, one decimal under 10 MB', () => {
    expect(formatBytes(12)).toBe('12 bytes');
    expect(formatBytes(350_000)).toBe('342 KB');
    expect(formatBytes(1_951_543)).toBe('1.9 MB');
    expect(formatBytes(17_000_000)).toBe('16 MB');
    expect(formatBytes(4_000_000_000)).toBe('3.7 GB');
  });

  it('gives download progress in the unit of the total', () => {
    expect(formatBytesOf(524_288, 1_951_543)).toBe('0.5 of 1.9 MB');
    expect(formatBytesOf(20_480, 40_960)).toBe('20 of 40 KB');
    expect(formatBytesOf(1_073_741_824, 4_294_967_296)).toBe('1.0 of 4.0 GB');
    expect(formatBytesOf(3, 700)).toBe('3 of 700 bytes');
  });
});

describe('formatTimeLeft', () => {
  it('rounds up seconds, then minutes, and says nothing it cannot know', () => {
    expect(formatTimeLeft(null)).toBeNull();
    expect(formatTimeLeft(Number.POSITIVE_INFINITY)).toBeNull();
    expect(formatTimeLeft(800)).toBe('almost done');
    expect(formatTimeLeft(12_400)).toBe('about 13 seconds left');
    expect(formatTimeLeft(65_000)).toBe('about 1 minute left');
    expect(formatTimeLeft(130_000)).toBe('about 2 minutes left');
  });
});

describe('formatWhen and formatDate', () => {
  const now = new Date(2025, 4, 10, 15, 0);
  const at = (...parts: [number, number, number, number, number]) => new Date(...parts).toISOString();

  it('says how long ago for the last hour, then the day and a 24-hour time', () => {
    expect(formatWhen(new Date(2025, 4, 10, 14, 59, 40).toISOString(), now)).toBe('just now');
    expect(formatWhen(at(2025, 4, 10, 14, 59), now)).toBe('1 minute ago');
    expect(formatWhen(at(2025, 4, 10, 14, 55), now)).toBe('5 minutes ago');
    expect(formatWhen(at(2025, 4, 10, 13, 2), now)).toBe('today at 13:02');
    expect(formatWhen(at(2025, 4, 9, 9, 5), now)).toBe('yesterday at 09:05');
    expect(formatWhen(at(2025, 2, 3, 9, 5), now)).toBe('3 Mar at 09:05');
    expect(formatWhen(at(2024, 11, 31, 23, 59), now)).toBe('31 Dec 2024 at 23:59');
    expect(formatWhen('not a date', now)).toBe('');
  });

  it('writes a date as day, month and year', () => {
    expect(formatDate(at(2024, 4, 3, 12, 0))).toBe('3 May 2024');
    expect(formatDate('')).toBe('');
  });
});
