import { EXPORT_QUANTIZATIONS, type ExportFormat, type ExportQuantization, type ExportRequest } from '../../shared/api/export';
import type { DeckClass, LanguageCode } from '../../shared/domain';
import { StudioError } from '../../shared/errors';
import { listClasses } from '../store/classes-repo';
import { getDeck } from '../store/decks-repo';
import type { ProjectStore } from '../store/project-store';
import { checkOutDir } from './export-folder';
import { classesInOutputOrder, currentDeckModel, type DeckModel } from './deck-model';
import { findMissingWords, wordsMissingError } from './missing-words';
import type { DeckSnapshot } from '../revision/deck-snapshot';
import { currentSnapshot } from '../revision/revisions-repo';

export interface PlannedDeck {
  id: number;
  name: string;
  model: DeckModel;
  /** Classes in the model's output order. */
  classes: DeckClass[];
  /** The deck when the export was asked for: recorded with it, to tell later whether words changed. */
  snapshot: DeckSnapshot;
}

/** A checked export request: everything known to be exportable before any work starts. */
export interface ExportPlan {
  decks: PlannedDeck[];
  formats: ExportFormat[];
  languages: LanguageCode[];
  quantize: ExportQuantization | null;
  baseModelId: string;
  outDir: string | null;
}

const FORMATS: readonly ExportFormat[] = ['tfjs', 'tflite'];

/**
 * Checks an export request against the project and refuses, with a message a teacher can act
 * on, what could not succeed: unknown decks, untrained decks, decks on different base models
 * (STACK_BASE_MISMATCH), and words missing in an exported language (WORDS_MISSING).
 */
export function planExport(store: ProjectStore, req: ExportRequest): ExportPlan {
  const deckIds = [...new Set(Array.isArray(req.deckIds) ? req.deckIds : [])];
  if (deckIds.length === 0 || deckIds.some((id) => !Number.isInteger(id))) {
    throw new StudioError('INVALID_ARGUMENT', 'No deck was chosen for the export.', 'Choose at least one trained deck.');
  }
  const formats = [...new Set(Array.isArray(req.formats) ? req.formats : [])];
  if (formats.length === 0 || formats.some((f) => !FORMATS.includes(f))) {
    throw new StudioError('INVALID_ARGUMENT', 'Choose what to export: TF.js, TFLite, or both.', 'Pick "tfjs", "tflite" or both.');
  }
  if (req.quantize !== undefined && !EXPORT_QUANTIZATIONS.includes(req.quantize)) {
    throw new StudioError(
      'INVALID_ARGUMENT',
      `"${String(req.quantize)}" is not a quantisation the studio knows.`,
      'Use full-int8 or int8, or leave it out.',
    );
  }
  if (req.quantize && !formats.includes('tflite')) {
    throw new StudioError('INVALID_ARGUMENT', 'A smaller int8 file is a TFLite option.', 'Add the TFLite format, or leave out the quantisation.');
  }

  const info = store.info();
  const projectLanguages = [info.sourceLanguage, ...info.targetLanguages];
  const languages = req.languages && req.languages.length > 0 ? [...new Set(req.languages)] : projectLanguages;
  for (const lang of languages) {
    if (!projectLanguages.some((l) => l.toLowerCase() === lang.toLowerCase())) {
      throw new StudioError(
        'INVALID_ARGUMENT',
        `The project has no language "${lang}".`,
        `Choose among ${projectLanguages.join(', ')}, or add the language to the project first.`,
      );
    }
  }
  const canonical = languages.map((lang) => projectLanguages.find((l) => l.toLowerCase() === lang.toLowerCase()) ?? lang);

  const decks: PlannedDeck[] = deckIds.map((id) => {
    const deck = getDeck(store.db, id);
    const model = currentDeckModel(store.db, deck);
    return {
      id,
      name: deck.name,
      model,
      classes: classesInOutputOrder(deck.name, model.head, listClasses(store.db, id)),
      snapshot: currentSnapshot(store.db, id),
    };
  });

  const bases = [...new Set(decks.map((d) => d.model.baseModelId))];
  if (bases.length > 1) {
    throw new StudioError(
      'STACK_BASE_MISMATCH',
      `These decks cannot share one model: they were trained on different base networks (${decks
        .map((d) => `${d.name}: ${d.model.baseModelId}`)
        .join(', ')}).`,
      'Train them on the same base network, or export them one at a time.',
      decks.map((d) => ({ deckId: d.id, deckName: d.name, baseModelId: d.model.baseModelId })),
    );
  }

  const missing = decks.flatMap((d) => findMissingWords({ id: d.id, name: d.name }, d.classes, canonical));
  if (missing.length > 0) throw wordsMissingError(missing);

  return {
    decks,
    formats: FORMATS.filter((f) => formats.includes(f)),
    languages: canonical,
    quantize: req.quantize ?? null,
    baseModelId: bases[0],
    outDir: typeof req.outDir === 'string' && req.outDir.trim().length > 0 ? checkOutDir(req.outDir) : null,
  };
}
