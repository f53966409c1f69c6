import type { TrainingSettings } from '../../../shared/api/training';

export type NumberSetting = Exclude<keyof TrainingSettings, 'classWeighting' | 'augmentation'>;
export type SwitchSetting = 'classWeighting' | 'augmentation';

export interface NumberField {
  name: NumberSetting;
  label: string;
  help: string;
  min: number;
  max: number;
  integer: boolean;
  /** Shown and typed as a percentage (validation share). */
  asPercent?: boolean;
  step?: number;
}

export interface SwitchField {
  name: SwitchSetting;
  label: string;
  help: string;
}

/** The expert settings, in the order shown, with a line each on what they do. Limits match the core's. */
export const NUMBER_FIELDS: NumberField[] = [
  {
    name: 'epochs',
    label: 'Epochs',
    help: 'Rounds of practice through all the photos. More can help, up to a point.',
    min: 1,
    max: 1000,
    integer: true,
  },
  { name: 'batchSize', label: 'Batch size', help: 'Photos looked at before each small correction.', min: 1, max: 4096, integer: true },
  {
    name: 'learningRate',
    label: 'Learning rate',
    help: 'Size of each correction. Too big and training goes wrong; too small and it learns slowly.',
    min: 1e-7,
    max: 1e40,
    integer: false,
    step: 0.001,
  },
  {
    name: 'hiddenUnits',
    label: 'Hidden units',
    help: 'Size of an extra layer before the answer. 0 means no extra layer.',
    min: 0,
    max: 4096,
    integer: true,
  },
  {
    name: 'heads',
    label: 'Averaged models',
    help: 'Several small models learn side by side and their answers are averaged: steadier on varied photos, a little slower to train.',
    min: 1,
    max: 16,
    integer: true,
  },
  {
    name: 'validationShare',
    label: 'Photos held back to check (%)',
    help: 'The last photos of each word are kept out of training to test the model fairly.',
    min: 0,
    max: 0.5,
    integer: false,
    asPercent: true,
  },
  {
    name: 'seed',
    label: 'Shuffle number',
    help: 'The photos are shuffled by this number (the “seed”): same number, same photos and same settings give the same model.',
    min: 0,
    max: 2 ** 32 - 1,
    integer: true,
  },
];

export const SWITCH_FIELDS: SwitchField[] = [
  { name: 'classWeighting', label: 'Balance the words', help: 'Words with few photos count as much as words with many.' },
  {
    name: 'augmentation',
    label: 'Mirrored and re-cropped copies',
    help: 'Also learn from flipped and re-cropped copies of each photo (slower the first time).',
  },
];

/** The text a field shows for a stored value. */
export function formatSetting(field: NumberField, value: number): string {
  return field.asPercent ? String(Math.round(value * 1000) / 10) : String(value);
}

/** Reads what the teacher typed: the value to store, or the reason it cannot be. */
export function parseSetting(field: NumberField, text: string): { value: number } | { error: string } {
  const trimmed = text.trim().replace(',', '.');
  const raw = trimmed === '' ? NaN : Number(trimmed);
  const value = field.asPercent ? raw / 100 : raw;
  const lo = field.asPercent ? `${field.min * 100}` : String(field.min);
  const hi = field.asPercent ? `${field.max * 100}` : String(field.max);
  if (!Number.isFinite(value) || value < field.min || value > field.max) return { error: `Use a number from ${lo} to ${hi}.` };
  if (field.integer && !Number.isInteger(value)) return { error: 'Use a whole number.' };
  return { value };
}

/** Setting rows for two versions side by side; `same` says whether they differ. */
export function settingRows(a: TrainingSettings, b: TrainingSettings): { label: string; a: string; b: string; same: boolean }[] {
  const show = (s: TrainingSettings, name: keyof TrainingSettings): string => {
    const v = s[name];
    if (typeof v === 'boolean') return v ? 'on' : 'off';
    const field = NUMBER_FIELDS.find((f) => f.name === name);
    return field?.asPercent ? `${formatSetting(field, v)}%` : String(v);
  };
  const rows = [...NUMBER_FIELDS, ...SWITCH_FIELDS].map((f) => ({ label: f.label.replace(' (%)', ''), a: show(a, f.name), b: show(b, f.name) }));
  return rows.map((r) => ({ ...r, same: r.a === r.b }));
}
