/** Shared by the ML benches: the fruit photos in frame order, and where the base model is. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = path.resolve(ROOT, '../shared');
export const FRUITS = path.join(SHARED, 'data/fruits');
export const MODELS = path.join(SHARED, 'models');

export interface FruitPhoto {
  file: string;
  cls: number;
  /** Position in its class's burst (0-39). */
  frame: number;
}

export function fruitPhotos(): { labels: string[]; photos: FruitPhoto[] } {
  const labels = fs
    .readdirSync(FRUITS)
    .filter((d) => fs.statSync(path.join(FRUITS, d)).isDirectory())
    .sort();
  const photos = labels.flatMap((label, cls) =>
    fs
      .readdirSync(path.join(FRUITS, label))
      .filter((f) => f.endsWith('.jpg'))
      .sort()
      .map((f, frame) => ({ file: path.join(FRUITS, label, f), cls, frame })),
  );
  return { labels, photos };
}

export function emit(bench: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ bench, value: Number(value.toFixed(3)), unit, ...extra })}\n`);
}
