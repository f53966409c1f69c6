/** What the deck doctor's findings are called, for the Doctor panel and the CLI alike. */
import type { Finding, FindingKind } from './api/doctor';

const q = (word: string) => `“${word}”`;

function words(f: Finding): string[] {
  return [...new Set(f.photos.map((p) => p.classKey))];
}

/** One line naming the problem in a teacher's words. */
export function findingTitle(f: Finding): string {
  const w = words(f);
  switch (f.kind) {
    case 'duplicate':
      return f.acrossWords
        ? `The same photo is under two words: ${w.map(q).join(' and ')}`
        : `The same photo is in ${q(w[0])} ${f.photos.length} times`;
    case 'near-duplicate':
      return f.acrossWords
        ? `Nearly the same photo is under two words: ${w.map(q).join(' and ')}`
        : `Nearly the same photo is in ${q(w[0])} ${f.photos.length} times (resized or cropped)`;
    case 'mislabel':
      return `This photo in ${q(w[0])} looks like ${q(f.suggestedClassKey ?? '?')}`;
    case 'outlier':
      return `This photo looks unlike the other photos of ${q(w[0])}`;
    case 'blurry':
      return `Blurry photo in ${q(w[0])}`;
    case 'dark':
      return `Too dark to see well, in ${q(w[0])}`;
    case 'bright':
      return `Too bright (washed out), in ${q(w[0])}`;
    case 'tiny':
      return `Very small photo in ${q(w[0])}`;
    case 'imbalance': {
      const word = f.classKey ?? w[0] ?? '?';
      const n = f.count ?? f.photos.length;
      return n === 0
        ? `${q(word)} has no photos yet, while the other words have some`
        : `${q(word)} has only ${n} ${n === 1 ? 'photo' : 'photos'}, far fewer than the other words`;
    }
  }
}

/** A heading for a group of findings of one kind, and why it matters. */
export const KIND_WORDING: Record<FindingKind, { heading: string; why: string }> = {
  duplicate: {
    heading: 'The same photo more than once',
    why: 'A copy counts twice, and under two words it teaches the model both. Keep one.',
  },
  'near-duplicate': {
    heading: 'Nearly the same photo (resized, cropped or re-saved)',
    why: 'Copies make the model look better than it is when it is tested on them. Keep one.',
  },
  mislabel: {
    heading: 'Photos that may be under the wrong word',
    why: 'The model learns whatever word a photo is filed under. Move it if the suggestion is right.',
  },
  outlier: {
    heading: 'Photos unlike the rest of their word',
    why: 'Maybe something else is in the picture, or it shows the thing from an unusual side.',
  },
  blurry: { heading: 'Blurry photos', why: 'The model cannot learn details it cannot see. Take the photo again if you can.' },
  dark: { heading: 'Photos that are too dark', why: 'Dark photos hide what the word is about.' },
  bright: { heading: 'Photos that are too bright', why: 'Washed-out photos hide what the word is about.' },
  tiny: { heading: 'Very small photos', why: 'Photos smaller than 224 pixels are enlarged and look soft to the model.' },
  imbalance: {
    heading: 'Words with far fewer photos than the others',
    why: 'The model leans toward the words with many photos and learns this one poorly. Bring it close to the others; ten or more each works best.',
  },
};
