/**
 * Export: a deck's model (or several decks stacked on one backbone) as TF.js and TFLite files that
 * carry their labels and words in every language. `startExport` is a job (kind "export") whose
 * result is an ExportResult; it is refused up front (WORDS_MISSING, STACK_BASE_MISMATCH,
 * NOT_TRAINED) when it could not succeed.
 */
import { z } from 'zod';
import type { LanguageCode } from '../domain';
import { LIMITS, id, languageCode, languages, noRequest, path, request } from '../validation/fields';
import { requestSchemas } from '../validation/request-schemas';

export type ExportFormat = 'tfjs' | 'tflite';
/**
 * 'full-int8': int8 weights and activations, uint8 image in and scores out, calibrated on the deck's
 * photos: what phone accelerators (NNAPI, Edge TPU, Arm NN, Hexagon) and TensorFlow Lite's fast
 * integer CPU kernels run. 'int8': int8 weights only, float activations (dynamic range): runs only on
 * TensorFlow Lite's own CPU kernels.
 */
export type ExportQuantization = 'int8' | 'full-int8';
export const EXPORT_QUANTIZATIONS = ['int8', 'full-int8'] as const satisfies readonly ExportQuantization[];

export interface ExportRequest {
  /** One deck, or several decks of the project stacked into one model (one output each). */
  deckIds: number[];
  formats: ExportFormat[];
  /** Languages whose words go with the model; default: every language of the project. */
  languages?: LanguageCode[];
  /** Also write a smaller .tflite (see ExportQuantization), with what it costs measured. */
  quantize?: ExportQuantization;
  /** Folder to write into (created); default `<project>/exports/<time>-<deck>/`. */
  outDir?: string;
}

export type ExportedFileKind =
  'tfjs-model' | 'tfjs-weights' | 'tfjs-metadata' | 'labels' | 'vocabulary' | 'tflite' | 'tflite-int8' | 'tflite-full-int8' | 'readme' | 'zip';

export interface ExportedFile {
  /** Path relative to the export folder ("tfjs/model.json"). */
  name: string;
  kind: ExportedFileKind;
  bytes: number;
}

/** TensorFlow Lite's runtime against the TF.js model on the same photos (float export). */
export interface ParityReport {
  passed: boolean;
  /** Which interpreter ran the .tflite. */
  runtime: string;
  /** Which photos were used ("12 validation photos of Fruits v3"). */
  photoSet: string;
  photos: number;
  /** Photo x output pairs compared (photos times decks when stacked). */
  comparisons: number;
  /** Comparisons whose top-1 class agreed. */
  sameTop1: number;
  /** Largest difference between any two probabilities. */
  maxAbsDiff: number;
  tolerance: number;
  ms: number;
}

/** What the smaller file costs, measured on the same photos against the float TF.js model. */
export interface QuantizationReport {
  /** Which smaller file (absent in reports saved before full-int8 existed: 'int8'). */
  kind?: ExportQuantization;
  photoSet: string;
  photos: number;
  /** Share of photos recognised by the float model and by the int8 .tflite (null without photos). */
  floatAccuracy: number | null;
  int8Accuracy: number | null;
  accuracyDrop: number | null;
  sameTop1: number;
  comparisons: number;
  maxAbsDiff: number;
  bytes: number;
  floatBytes: number;
  /**
   * int8: false when the drop exceeds maxAccuracyDrop (the file is then not written). full-int8:
   * the export is refused (PARITY_FAILED) below minAgreement, so a saved report has passed.
   */
  passed: boolean;
  maxAccuracyDrop: number;
  /** full-int8: the least share of photos that must get the float model's word. */
  minAgreement?: number;
  /** full-int8: how many of the deck's photos set the activation ranges. */
  calibrationPhotos?: number;
  ms: number;
}

export interface ExportedDeck {
  deckId: number;
  name: string;
  versionId: number;
  versionNumber: number;
  baseModelId: string;
  classes: number;
}

export interface ExportSummary {
  id: number;
  createdAt: string;
  /** Absolute path of the export folder. */
  folder: string;
  /** Absolute path of the zip holding the whole export. */
  zipPath: string;
  decks: ExportedDeck[];
  formats: ExportFormat[];
  languages: LanguageCode[];
  quantize: ExportQuantization | null;
  /** Null when no .tflite was exported. */
  parity: ParityReport | null;
  quantization: QuantizationReport | null;
  totalBytes: number;
  /** False when the folder has since been moved or deleted. */
  exists: boolean;
}

/** What the export job finishes with (`job.finished` result, kind "export"). */
export interface ExportResult extends ExportSummary {
  files: ExportedFile[];
  ms: number;
  /** Milliseconds of each phase: base, tfjs, tflite, parity, int8, zip. */
  timings: Record<string, number>;
}

/** A class whose word is missing in a language the export includes. */
export interface MissingWord {
  deckId: number;
  deckName: string;
  classId: number;
  classKey: string;
  language: LanguageCode;
}

export interface ExportApi {
  /** Exports (job kind "export", result ExportResult); refused at once when it cannot succeed. */
  startExport: { req: ExportRequest; res: { jobId: string } };
  /** Earlier exports of the open project, newest first (optionally only those with a deck). */
  listExports: { req: { deckId?: number }; res: ExportSummary[] };
  /** Words an export would lack: what the deck view marks (all project languages by default). */
  getMissingWords: { req: { deckId: number; languages?: LanguageCode[] }; res: MissingWord[] };
  /** Where exports of the open project go; opening it in a file manager is the shell's job. */
  getExportsFolder: { req: void; res: { dir: string } };
}

const FORMATS = ['tfjs', 'tflite'] as const satisfies readonly ExportFormat[];

/** The validator of each request: shape and size (see ../validation/fields.ts). */
export const exportMethods = requestSchemas<ExportApi>()({
  startExport: request({
    deckIds: z.array(id()).min(1).max(LIMITS.fewItems),
    formats: z.array(z.enum(FORMATS)).max(FORMATS.length),
    languages: z.array(languageCode()).max(LIMITS.languages).optional(),
    quantize: z.enum(EXPORT_QUANTIZATIONS).optional(),
    outDir: path().optional(),
  }),
  listExports: request({ deckId: id().optional() }),
  getMissingWords: request({ deckId: id(), languages: languages().optional() }),
  getExportsFolder: noRequest(),
});
