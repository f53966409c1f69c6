/**
 * A small varied photo set kept in the repository (CC0; see data/varied-clothing/README.md): 5 words
 * x 40 clothing photos, each by a different person and camera. The quality benchmark measures on it;
 * the doctor's and the map's tests take non-fruit photos from it (shoes as outliers, hats as a word).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const VARIED_CLOTHING = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/varied-clothing');

export const variedClothingWord = (word: string) => path.join(VARIED_CLOTHING, word);
