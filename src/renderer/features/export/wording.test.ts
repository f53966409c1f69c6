import { describe, expect, it } from 'vitest';
import type { MissingWord, ParityReport, QuantizationReport } from '../../../shared/api/export';
import { formatBytes } from '../../../shared/format';
import { languageName } from '../projects/languages';
import { blockReason, decksSentence, formatDifference, missingLines, paritySentence, quantizationSentence, quantizeNote } from './wording';
import { zipDownloadUrl } from './zip-link';

const parity: ParityReport = {
  passed: true,
  runtime: 'TensorFlow Lite (WebAssembly)',
  photoSet: '48 validation photos of Fruits (version 1)',
  photos: 48,
  comparisons: 48,
  sameTop1: 48,
  maxAbsDiff: 4.2e-6,
  tolerance: 1e-4,
  ms: 300,
};

const gap = (deckId: number, deckName: string, classKey: string, language: string): MissingWord => ({
  deckId,
  deckName,
  classId: 1,
  classKey,
  language,
});

describe('export wording', () => {
  it('writes small differences out in full', () => {
    expect(formatDifference(4.2e-6)).toBe('0.000004');
    expect(formatDifference(0)).toBe('0');
    expect(formatDifference(0.0123)).toBe('0.012');
    expect(formatDifference(1e-4)).toBe('0.0001');
  });

  it('says what the TensorFlow Lite check found', () => {
    expect(paritySentence(parity)).toBe('Checked with TensorFlow Lite on 48 photos: same answer on all 48, largest difference 0.000004');
    expect(paritySentence({ ...parity, passed: false, sameTop1: 46, maxAbsDiff: 0.03 })).toBe(
      'Checked with TensorFlow Lite on 48 photos: a different answer on 2 of 48, largest difference 0.03',
    );
    expect(paritySentence({ ...parity, comparisons: 96, sameTop1: 96 })).toContain(
      '(96 answers: one per photo for each deck): same answer on all 96',
    );
  });

  it('names each missing word under its language, and the deck only when decks are stacked', () => {
    const one = missingLines(
      [gap(1, 'Fruits', 'mango', 'fr'), gap(1, 'Fruits', 'dates', 'fr'), gap(1, 'Fruits', 'dates', 'es')],
      ['en', 'fr', 'es'],
      languageName,
    );
    expect(one.map((l) => l.text)).toEqual(['French word missing for: mango, dates', 'Spanish word missing for: dates']);
    const two = missingLines([gap(1, 'Fruits', 'mango', 'fr'), gap(2, 'Vegetables', 'leek', 'fr')], ['en', 'fr'], languageName);
    expect(two).toEqual([{ language: 'fr', text: 'French word missing for: mango (Fruits); leek (Vegetables)', deckIds: [1, 2] }]);
  });

  it('gives the reason the Export button is off', () => {
    const base = { trained: true, formats: ['tfjs' as const], languages: ['en', 'fr'], missing: [], baseMismatch: false, languageName };
    expect(blockReason(base)).toBeNull();
    expect(blockReason({ ...base, trained: false })).toBe('Train the deck first.');
    expect(blockReason({ ...base, formats: [] })).toBe('Choose at least one kind of file.');
    expect(blockReason({ ...base, missing: [gap(1, 'Fruits', 'mango', 'fr'), gap(1, 'Fruits', 'dates', 'fr')] })).toBe(
      '2 words are missing in French: fill them in first.',
    );
  });

  it('names the decks of an export, saying when they share one model', () => {
    const d = (name: string, versionNumber: number) => ({ deckId: 1, name, versionId: 1, versionNumber, baseModelId: 'm', classes: 4 });
    expect(decksSentence({ decks: [d('Fruits', 2)] })).toBe('Fruits, model version 2');
    expect(decksSentence({ decks: [d('Fruits', 2), d('Market', 1)] })).toBe(
      'One model that recognises both decks: Fruits (version 2) and Market (version 1)',
    );
  });

  it('reports what the int8 file costs', () => {
    const q: QuantizationReport = {
      photoSet: '',
      photos: 12,
      floatAccuracy: 11 / 12,
      int8Accuracy: 10 / 12,
      accuracyDrop: 1 / 12,
      sameTop1: 11,
      comparisons: 12,
      maxAbsDiff: 0.02,
      bytes: 300_000,
      floatBytes: 1_100_000,
      passed: true,
      maxAccuracyDrop: 0.05,
      ms: 100,
    };
    expect(quantizationSentence(q, formatBytes)).toBe(
      'Smaller file: 293 KB instead of 1.0 MB. It costs 8 points of accuracy: 83% of the photos recognised instead of 92% (12 photos).',
    );
    expect(quantizationSentence({ ...q, int8Accuracy: q.floatAccuracy, accuracyDrop: 0 }, formatBytes)).toBe(
      'Smaller file: 293 KB instead of 1.0 MB. No accuracy lost: it recognised 11 of 12 photos, as the full model did.',
    );
    expect(quantizationSentence({ ...q, int8Accuracy: 9 / 12, accuracyDrop: 2 / 12, passed: false }, formatBytes)).toBe(
      'The smaller file was not written: it recognised 9 of 12 photos where the full model recognised 11 (17 points of accuracy lost, more than the 5 allowed). Use the full-size file.',
    );
  });

  it('reports the smaller, faster file: its size, its check in TensorFlow Lite and what it was tuned on', () => {
    const q: QuantizationReport = {
      kind: 'full-int8',
      photoSet: '',
      photos: 48,
      floatAccuracy: 1,
      int8Accuracy: 1,
      accuracyDrop: 0,
      sameTop1: 48,
      comparisons: 48,
      maxAbsDiff: 0.2,
      bytes: 327_074,
      floatBytes: 957_826,
      passed: true,
      maxAccuracyDrop: 0.05,
      minAgreement: 0.9,
      calibrationPhotos: 192,
      ms: 100,
    };
    expect(quantizationSentence(q, formatBytes)).toBe(
      'Smaller, faster file: 319 KB instead of 935 KB. Checked with TensorFlow Lite on 48 photos: the full model’s word on all 48; it recognised 48 of them, as the full model did. Tuned on 192 of the deck’s photos.',
    );
    expect(
      quantizationSentence({ ...q, photos: 18, comparisons: 36, sameTop1: 35, int8Accuracy: 16 / 18, floatAccuracy: 17 / 18 }, formatBytes),
    ).toBe(
      'Smaller, faster file: 319 KB instead of 935 KB. Checked with TensorFlow Lite on 18 photos (36 answers: one per photo for each deck): the full model’s word on 35 of 36; it recognised 16 of them, the full model 17. Tuned on 192 of the deck’s photos.',
    );
    expect(quantizeNote('full-int8')).toBe('with the smaller, faster file');
    expect(quantizeNote('int8')).toBe('with int8 weights');
  });

  it('links only zips inside the open project’s exports folder', () => {
    expect(zipDownloadUrl('/p/F.magritte/exports/2025-03-14_1015-Fruits/2025-03-14_1015-Fruits.zip', '/p/F.magritte/exports')).toBe(
      '/exports/2025-03-14_1015-Fruits/2025-03-14_1015-Fruits.zip',
    );
    expect(zipDownloadUrl('C:\\T\\F.magritte\\exports\\a b\\a b.zip', 'C:\\T\\F.magritte\\exports')).toBe('/exports/a%20b/a%20b.zip');
    expect(zipDownloadUrl('/elsewhere/x/x.zip', '/p/F.magritte/exports')).toBeNull();
    expect(zipDownloadUrl('/p/F.magritte/exports/x/y/x.zip', '/p/F.magritte/exports')).toBeNull();
  });
});
