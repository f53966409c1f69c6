/** What the Export screen says, as plain functions (tested in wording.test.ts). */
import type {
  ExportedFileKind,
  ExportFormat,
  ExportQuantization,
  ExportSummary,
  MissingWord,
  ParityReport,
  QuantizationReport,
} from '../../../shared/api/export';
import type { LanguageCode } from '../../../shared/domain';

/** A small number the way a teacher can read it: 0.000004 rather than 4.2e-6. */
export function formatDifference(d: number): string {
  if (!Number.isFinite(d)) return String(d);
  if (d === 0) return '0';
  if (d >= 0.01) return String(Number(d.toPrecision(2)));
  // One significant digit, written out in full.
  const decimals = Math.min(12, -Math.floor(Math.log10(d)));
  const fixed = d.toFixed(decimals);
  return Number(fixed) === 0 ? d.toExponential(0) : fixed;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** "Checked with TensorFlow Lite on 48 photos: same answer on all 48, largest difference 0.000004". */
export function paritySentence(p: ParityReport): string {
  const checks = p.comparisons === p.photos ? '' : ` (${p.comparisons} answers: one per photo for each deck)`;
  const head = `Checked with TensorFlow Lite on ${p.photos} photo${p.photos === 1 ? '' : 's'}${checks}`;
  const diff = `largest difference ${formatDifference(p.maxAbsDiff)}`;
  if (p.sameTop1 === p.comparisons) return `${head}: same answer on all ${p.comparisons}, ${diff}`;
  return `${head}: a different answer on ${p.comparisons - p.sameTop1} of ${p.comparisons}, ${diff}`;
}

/** What the check means for the teacher, passed or not. */
export function parityMeaning(p: ParityReport): string {
  return p.passed
    ? 'Apps using the TensorFlow Lite file will recognise the photos exactly as the studio does.'
    : `The TensorFlow Lite file does not behave like the studio’s model (differences above ${formatDifference(p.tolerance)} are not allowed), so phones could show other words. Use the TF.js files, or export again.`;
}

/** The smaller file of an export in the history: "with the smaller, faster file". */
export function quantizeNote(kind: ExportQuantization): string {
  return kind === 'full-int8' ? 'with the smaller, faster file' : 'with int8 weights';
}

/** The smaller file: its size and what it costs, measured on the same photos. */
export function quantizationSentence(q: QuantizationReport, formatBytes: (n: number) => string): string {
  if (q.kind === 'full-int8') return fullInt8Sentence(q, formatBytes);
  const size = `Smaller file: ${formatBytes(q.bytes)} instead of ${formatBytes(q.floatBytes)}.`;
  if (q.floatAccuracy === null || q.int8Accuracy === null || q.accuracyDrop === null) {
    return `${size} Same answer as the full model on ${q.sameTop1} of ${q.comparisons} photos.`;
  }
  const n = q.photos;
  const right = (share: number) => Math.round(share * n);
  const points = Math.round(q.accuracyDrop * 100);
  if (!q.passed) {
    return `The smaller file was not written: it recognised ${right(q.int8Accuracy)} of ${n} photos where the full model recognised ${right(q.floatAccuracy)} (${points} points of accuracy lost, more than the ${Math.round(q.maxAccuracyDrop * 100)} allowed). Use the full-size file.`;
  }
  if (points <= 0) return `${size} No accuracy lost: it recognised ${right(q.int8Accuracy)} of ${n} photos, as the full model did.`;
  return `${size} It costs ${points} point${points === 1 ? '' : 's'} of accuracy: ${percent(q.int8Accuracy)} of the photos recognised instead of ${percent(q.floatAccuracy)} (${n} photos).`;
}

/**
 * "Smaller, faster file: 319 KB instead of 935 KB. Checked with TensorFlow Lite on 48 photos: the
 * full model's word on all 48; it recognised 48 of them, as the full model did. Tuned on 192 of the
 * deck's photos."
 */
function fullInt8Sentence(q: QuantizationReport, formatBytes: (n: number) => string): string {
  const size = `Smaller, faster file: ${formatBytes(q.bytes)} instead of ${formatBytes(q.floatBytes)}.`;
  const answers = q.comparisons === q.photos ? '' : ` (${q.comparisons} answers: one per photo for each deck)`;
  const same = q.sameTop1 === q.comparisons ? `all ${q.comparisons}` : `${q.sameTop1} of ${q.comparisons}`;
  let sentence = `${size} Checked with TensorFlow Lite on ${q.photos} photo${q.photos === 1 ? '' : 's'}${answers}: the full model’s word on ${same}`;
  if (q.floatAccuracy !== null && q.int8Accuracy !== null) {
    const right = (share: number) => Math.round(share * q.photos);
    const a = right(q.int8Accuracy);
    const b = right(q.floatAccuracy);
    sentence += a === b ? `; it recognised ${a} of them, as the full model did` : `; it recognised ${a} of them, the full model ${b}`;
  }
  sentence += '.';
  if (q.calibrationPhotos) sentence += ` Tuned on ${q.calibrationPhotos} of the deck’s photos.`;
  return sentence;
}

/** "Fruits, model version 2", or for stacked decks "One model that recognises both decks: ...". */
export function decksSentence(r: Pick<ExportSummary, 'decks'>): string {
  const named = r.decks.map((d) => `${d.name} (version ${d.versionNumber})`);
  if (r.decks.length === 1) return `${r.decks[0].name}, model version ${r.decks[0].versionNumber}`;
  const which = r.decks.length === 2 ? 'both decks' : `all ${r.decks.length} decks`;
  return `One model that recognises ${which}: ${joinAnd(named)}`;
}

export interface MissingLine {
  language: LanguageCode;
  /** "French word missing for: mango, dates". */
  text: string;
  /** Decks with a gap in this language, so the screen can offer to go and fill them. */
  deckIds: number[];
}

/**
 * Missing words grouped by language, in the project's language order. The deck is named only when
 * several decks are stacked.
 */
export function missingLines(missing: MissingWord[], languages: LanguageCode[], name: (code: LanguageCode) => string): MissingLine[] {
  const stacked = new Set(missing.map((m) => m.deckId)).size > 1;
  const lines: MissingLine[] = [];
  for (const language of languages) {
    const gaps = missing.filter((m) => m.language === language);
    if (gaps.length === 0) continue;
    const deckIds = [...new Set(gaps.map((m) => m.deckId))];
    const parts = deckIds.map((id) => {
      const ofDeck = gaps.filter((m) => m.deckId === id);
      const keys = ofDeck.map((m) => m.classKey).join(', ');
      return stacked ? `${keys} (${ofDeck[0].deckName})` : keys;
    });
    lines.push({ language, text: `${name(language)} word missing for: ${parts.join('; ')}`, deckIds });
  }
  return lines;
}

/** Why the Export button is off, or null when it may be pressed. */
export function blockReason(s: {
  trained: boolean;
  formats: ExportFormat[];
  languages: LanguageCode[];
  missing: MissingWord[] | null;
  baseMismatch: boolean;
  languageName: (code: LanguageCode) => string;
}): string | null {
  if (!s.trained) return 'Train the deck first.';
  if (s.formats.length === 0) return 'Choose at least one kind of file.';
  if (s.languages.length === 0) return 'Choose at least one language.';
  if (s.baseMismatch) return 'The chosen decks were trained on different base networks, so they cannot share one model.';
  if (s.missing === null) return 'Checking the words…';
  if (s.missing.length > 0) {
    const langs = [...new Set(s.missing.map((m) => m.language))].map(s.languageName);
    const n = s.missing.length;
    return `${n} word${n === 1 ? ' is' : 's are'} missing in ${joinAnd(langs)}: fill ${n === 1 ? 'it' : 'them'} in first.`;
  }
  return null;
}

/** "French", "French and Spanish", "French, Spanish and German". */
export function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** What each exported file is for, in a few words. */
export function fileDescription(kind: ExportedFileKind): string {
  switch (kind) {
    case 'tfjs-model':
      return 'TF.js model, for web apps';
    case 'tfjs-weights':
      return 'TF.js weights';
    case 'tfjs-metadata':
      return 'labels for TF.js (Teachable Machine layout)';
    case 'labels':
      return 'labels in output order';
    case 'vocabulary':
      return 'every word in every language';
    case 'tflite':
      return 'TensorFlow Lite model, for Android and iOS apps (words inside)';
    case 'tflite-int8':
      return 'smaller TensorFlow Lite model (int8 weights), for phone processors';
    case 'tflite-full-int8':
      return 'smaller, faster TensorFlow Lite model (int8), for phone processors and AI chips';
    case 'readme':
      return 'how to use these files';
    case 'zip':
      return 'everything above in one file';
  }
}

export const FORMAT_NAMES: Record<ExportFormat, string> = { tfjs: 'TF.js', tflite: 'TensorFlow Lite' };
