import { describe, expect, it } from 'vitest';
import { NUMBER_FIELDS, parseSetting, settingRows } from './settings-fields';

const field = (name: string) => NUMBER_FIELDS.find((f) => f.name === name)!;
const base = {
  epochs: 50,
  batchSize: 32,
  learningRate: 0.003,
  hiddenUnits: 100,
  validationShare: 0.2,
  classWeighting: true,
  augmentation: false,
  seed: 42,
  heads: 1,
};

describe('settings fields', () => {
  it('reads what the teacher typed, with the core limits', () => {
    expect(parseSetting(field('epochs'), ' 80 ')).toEqual({ value: 80 });
    expect(parseSetting(field('epochs'), '2.5')).toEqual({ error: 'Use a whole number.' });
    expect(parseSetting(field('epochs'), '0')).toEqual({ error: 'Use a number from 1 to 1000.' });
    expect(parseSetting(field('learningRate'), '0,01')).toEqual({ value: 0.01 });
    expect(parseSetting(field('validationShare'), '25')).toEqual({ value: 0.25 });
    expect(parseSetting(field('validationShare'), '60')).toEqual({ error: 'Use a number from 0 to 50.' });
    expect(parseSetting(field('seed'), '')).toHaveProperty('error');
    expect(parseSetting(field('heads'), '17')).toEqual({ error: 'Use a number from 1 to 16.' });
  });

  it('lines two versions up setting by setting', () => {
    const rows = settingRows(base, { ...base, epochs: 200, augmentation: true });
    expect(rows.filter((r) => !r.same).map((r) => [r.label, r.a, r.b])).toEqual([
      ['Epochs', '50', '200'],
      ['Mirrored and re-cropped copies', 'off', 'on'],
    ]);
    expect(rows.find((r) => r.label === 'Photos held back to check')?.a).toBe('20%');
  });
});
