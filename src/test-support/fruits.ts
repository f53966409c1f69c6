/**
 * Test and bench support: the shared fruit photos (../shared/data/fruits, read in place, never
 * copied) and their words. Only node:fs and node:path, so the core's tests, the benches and the
 * e2e support code (which drives the browser host) all pick the same frames.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared');
export const FRUITS = path.join(SHARED, 'data/fruits');

export const FRUIT_CLASSES = ['Apple', 'Beetroot', 'Dates', 'Mango', 'Orange', 'Pomegranate'];

/** Each fruit's word in English, French and Spanish, by class folder name. */
export const FRUIT_WORDS: Record<string, Record<string, string>> = {
  Apple: { en: 'apple', fr: 'pomme', es: 'manzana' },
  Beetroot: { en: 'beetroot', fr: 'betterave', es: 'remolacha' },
  Dates: { en: 'dates', fr: 'dattes', es: 'dátiles' },
  Mango: { en: 'mango', fr: 'mangue', es: 'mango' },
  Orange: { en: 'orange', fr: 'orange', es: 'naranja' },
  Pomegranate: { en: 'pomegranate', fr: 'grenade', es: 'granada' },
};

/** The frames of one fruit class (full paths), in capture order (the file names are timestamps). */
export function fruitFrames(cls: string): string[] {
  return fs
    .readdirSync(path.join(FRUITS, cls))
    .filter((f) => /\.jpe?g$/i.test(f))
    .sort()
    .map((f) => path.join(FRUITS, cls, f));
}

/** Import sources for frames [from, to) of each class, class by class; "<Class>/<file>" names the class. */
export function fruitSources(classes: readonly string[] = FRUIT_CLASSES, from = 0, to = Infinity): { path: string; relativePath: string }[] {
  return classes.flatMap((cls) =>
    fruitFrames(cls)
      .slice(from, to)
      .map((file) => ({ path: file, relativePath: `${cls}/${path.basename(file)}` })),
  );
}
