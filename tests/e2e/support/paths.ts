import path from 'node:path';
import { fruitFrames } from '../../../src/test-support/fruits';

/** Shared test data lives beside the repository, read-only: ../shared from the project root. */
export const SHARED = path.resolve('../shared');
export const FRUITS = path.join(SHARED, 'data/fruits');
export const FIXTURES = path.join(SHARED, 'fixtures/images');
export const ARTIFACTS = path.resolve('tests/artifacts');

/** The first `n` photos of one fruit folder, sorted by name. */
export function fruitPhotos(fruit: string, n: number): string[] {
  return fruitFrames(fruit).slice(0, n);
}

/** The temporary folder the browser host keeps its data and projects in (see playwright.config.ts). */
export function e2eDir(): string {
  const dir = process.env.MAGRITTE_E2E_DIR;
  if (!dir) throw new Error('MAGRITTE_E2E_DIR is not set: run through playwright.config.ts');
  return dir;
}
