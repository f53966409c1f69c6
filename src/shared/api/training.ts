/**
 * Training: base networks, cached features, head training, model versions, "try a photo" and the
 * live model. Long work is a job: the call returns `{ jobId }` at once, then `job.progress`
 * (its `message` names the phase: "Step 2 of 4 · Computing features: 120 of 240 photos · 98
 * photos/s · about 2 s left"), then `job.finished` (result typed below per job kind) or
 * `job.failed` (`cancelled: true` after `cancelJob`).
 *
 * How a training screen uses it:
 * 1. `getTrainingConfig({deckId})` fills the settings panel (`defaults` for "reset", `changed` to
 *    mark what an expert altered); `setTrainingConfig` saves edits; `getMlInfo()` shows the backend.
 * 2. `startTraining({deckId})` -> `{jobId, runId}`. Draw the curves from `training.epoch` events
 *    whose runId matches (epoch, loss, acc, valLoss, valAcc; `epochs` gives the x-axis length).
 *    A screen opened mid-run asks `getActiveTraining({deckId})` for the job, run and curves so far.
 *    Cancel with `cancelJob({jobId})`: stops within one batch and saves nothing.
 * 3. On `job.finished` (result TrainingRunResult) or `training.finished`, read the version with
 *    `getModelVersion({versionId})`: metrics.accuracy ("97% of the photos it had not seen were
 *    recognised"), metrics.perClass (bars), metrics.confusion + labels (heat map; rows = true
 *    class), misclassified (thumbnails by sha256 with trueKey, predictedKey, confidence), and
 *    `message` (e.g. training diverged and the last good epoch was kept).
 * 4. `listModelVersions({deckId})` lists versions newest first (`current` = what Test and export
 *    use); compare two by fetching both with `getModelVersion`.
 * 5. "Try a photo": `classifyPhotos({deckId, sources})` with the paths of staged uploads.
 *    The Test tab runs the window's own model on photo files: `prepareTestPhotos({deckId, sources})`
 *    gives each file's pixels as the network sees them, decoded and framed by the core exactly as
 *    for training (the window never decodes photo files for the model itself).
 * 6. Test screen: `getLiveModel({deckId})`, then in the window load `baseModelUrl` with
 *    tf.loadLayersModel and build the model with `buildInferenceModel` from
 *    src/core/ml/versions/inference-model.ts (browser-safe: imports only @tensorflow/tfjs). Crop the frame
 *    to its centre square, resize to inputSize, normalise with `normalization`, predict.
 *    Reload it on `training.finished` for the deck.
 *
 * Errors: NOT_ENOUGH_PHOTOS (fewer than two classes, or an empty class: details.classes),
 * NOT_TRAINED, MODEL_OFFLINE / MODEL_INCOMPLETE / MODEL_INVALID / MODEL_NOT_FOUND (base models),
 * TRAINING_DIVERGED (no good epoch at all), INVALID_ARGUMENT (settings out of range).
 */
import { z } from 'zod';
import type { ImportSource, LanguageCode } from '../domain';
import type { SimilarPhotos } from './deck-map';
import { LIMITS, id, importSources, noRequest, path, request, text, token } from '../validation/fields';
import { requestSchemas } from '../validation/request-schemas';

// ---------------------------------------------------------------------------------------------
// Base networks

/** How pixels (0..255, RGB) become the network's input: (x - mean) / std per channel. */
export interface Normalization {
  mean: [number, number, number];
  std: [number, number, number];
}

/** One entry of the base-model manifest (models/base-models.json) or an imported base model. */
export interface BaseModelManifestEntry {
  /** Stable id, also the folder name in the cache: "mobilenet_v1_0.25_224". */
  id: string;
  name: string;
  /** Official URL of model.json (TF.js layers format); empty for imported models. */
  url: string;
  /** Square input side in pixels (224). */
  inputSize: number;
  normalization: Normalization;
  /** Layer whose output is globally average-pooled into the feature vector. */
  featureLayer: string;
  /** Length of the feature vector (channels of the feature layer). */
  featureSize: number;
  licence: string;
  description?: string;
  /** Bytes a download fetches (model.json and weights), for "downloads on first use (2 MB)". */
  downloadBytes?: number;
}

/** Where a base model's files are now. `download` means it will be fetched on first use. */
export type BaseModelLocation = 'cache' | 'models-path' | 'download' | 'missing';

export interface BaseModelInfo extends BaseModelManifestEntry {
  source: 'builtin' | 'imported';
  location: BaseModelLocation;
  /** The folder holding model.json when it is on this machine. */
  dir: string | null;
}

/** The TF.js backend the core computes with. */
export type MlBackendName = 'tensorflow' | 'wasm' | 'cpu';

/**
 * What runs the base network for features: TensorFlow Lite's runtime (WebAssembly with XNNPACK), or
 * TF.js on `workerBackend` when TensorFlow Lite cannot run (the automatic fallback).
 */
export type FeatureEngineName = 'tflite' | 'tfjs';

export interface MlInfo {
  /** Backend of the core's own thread (head training, classification). */
  backend: MlBackendName;
  /** Backend the feature workers reported when they started (normally the same); null until features were first computed. */
  workerBackend: MlBackendName | null;
  /** Engine the feature workers computed with when they last started; null until features were first computed. */
  featureEngine: FeatureEngineName | null;
  /** Size of the feature worker pool (one per core). */
  workers: number;
  simd: boolean;
  tfjsVersion: string;
  /** Preprocessing version features are cached under; bumps when cropping/resizing changes. */
  preprocessingVersion: number;
  /** The base model used when none is named. */
  defaultBaseModelId: string;
}

// ---------------------------------------------------------------------------------------------
// Training settings, runs and versions

export interface TrainingSettings {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Units of one hidden ReLU layer; 0 = softmax straight on the features. */
  hiddenUnits: number;
  /** Share of each class (its last frames, as one block) held out for validation, 0..0.5. */
  validationShare: number;
  /** Weight the loss so small classes count as much as big ones. */
  classWeighting: boolean;
  /** Also train on features of mirrored, re-cropped and squashed views of the photos (computed once and cached). */
  augmentation: boolean;
  /** Same seed, same photos, same settings: the same weights. */
  seed: number;
  /**
   * Heads trained side by side from different starting weights and averaged (with a hidden layer
   * only): steadier on few, varied photos. Stored and exported as one head with heads x hiddenUnits
   * hidden units. Versions saved before it existed were trained with 1.
   */
  heads: number;
}

export interface TrainingConfig {
  baseModelId: string;
  /** What the next run uses: defaults with the stored changes applied. */
  settings: TrainingSettings;
  /** Only the settings changed from the defaults (what "reset" clears). */
  changed: Partial<TrainingSettings>;
  defaults: TrainingSettings;
  /** How many views of each photo a run learns from with augmentation on (the plain one and its variants). */
  augmentedViews: number;
}

/** One point of the live curves. Validation values are null when no photo was held out. */
export interface EpochMetrics {
  epoch: number;
  loss: number;
  acc: number;
  valLoss: number | null;
  valAcc: number | null;
}

/** Results on a set of photos: the validation block of a run, or an evaluation folder. */
export interface EvaluationMetrics {
  /** Share recognised, 0..1; null when there were no photos. */
  accuracy: number | null;
  /** Per class key: share of its photos recognised (null when it had none). */
  perClass: Record<string, number | null>;
  /** confusion[true][predicted] counts, rows and columns in `labels` order. */
  confusion: number[][];
  /** Class keys in output order. */
  labels: string[];
  /** Number of photos judged. */
  n: number;
}

export interface RunMetrics extends EvaluationMetrics {
  /** Photos trained on (each counts once, however many augmented views of it training used). */
  trainCount: number;
  valCount: number;
  /** Accuracy on the training photos after the last epoch. */
  trainAccuracy: number;
}

/** A validation photo the model got wrong. */
export interface MisclassifiedPhoto {
  photoId: number;
  sha256: string;
  trueKey: string;
  predictedKey: string;
  /** Probability the model gave its (wrong) answer, 0..1. */
  confidence: number;
}

/** completed = all epochs ran; diverged = the loss became NaN and the last good weights were kept. */
export type RunStop = 'completed' | 'diverged';

export interface ModelVersionSummary {
  id: number;
  deckId: number;
  /** 1, 2, 3... per deck. */
  number: number;
  runId: string;
  baseModelId: string;
  createdAt: string;
  settings: TrainingSettings;
  /** Validation accuracy, or null when nothing was held out. */
  accuracy: number | null;
  stopped: RunStop;
  /** Plain-language note (e.g. what happened when training diverged). */
  message: string | null;
  /** True for the version the deck uses now (its newest). */
  current: boolean;
}

export interface ModelVersion extends ModelVersionSummary {
  curves: EpochMetrics[];
  metrics: RunMetrics;
  misclassified: MisclassifiedPhoto[];
  /** Milliseconds of each phase: base model, features, fit, evaluate. */
  timings: Record<string, number>;
  /** Backend the head was trained on. */
  backend: MlBackendName;
  hiddenUnits: number;
}

/** A run still going on, for screens that open mid-run. */
export interface ActiveTraining {
  runId: string;
  jobId: string;
  deckId: number;
  epochs: number;
  settings: TrainingSettings;
  baseModelId: string;
  /** Epochs finished so far. */
  curves: EpochMetrics[];
}

/** What the training job finishes with (`job.finished` result, kind "training"). */
export interface TrainingRunResult {
  runId: string;
  deckId: number;
  versionId: number;
  number: number;
  stopped: RunStop;
  message: string | null;
  metrics: RunMetrics;
  backend: MlBackendName;
  timings: Record<string, number>;
}

/** What a features job finishes with (kind "features"). */
export interface FeaturesResult {
  computed: number;
  alreadyCached: number;
  /** Photos whose file could not be read or decoded (photo id + reason). */
  failed: { photoId: number; reason: string }[];
}

export interface FeatureStatus {
  baseModelId: string;
  photos: number;
  /** Photos whose plain features are cached. */
  cached: number;
  /** Photos with every augmentation variant cached too. */
  augmentedCached: number;
}

/**
 * Getting a deck's photos ready for training: after photos arrive the studio computes, in the
 * background, the features a training with the deck's settings needs, so "Train" only fits the model.
 */
export interface TrainingPreparation {
  deckId: number;
  /**
   * 'off': this studio does not prepare in the background (CLI, benchmarks); 'waiting': it starts
   * once the deck is quiet and other work (an import, a training) has ended; 'running': job `jobId`
   * computes; 'idle': nothing to do or being done.
   */
  state: 'off' | 'waiting' | 'running' | 'idle';
  jobId: string | null;
  /** Photos of the deck whose features training needs are all computed. */
  ready: number;
  photos: number;
  /** Photos (not ready) whose file cannot be decoded: never ready, and not waiting either. */
  unreadable: number;
}

// ---------------------------------------------------------------------------------------------
// Using a model

export interface Prediction {
  key: string;
  /** Word per language for this class. */
  words: Record<LanguageCode, string>;
  probability: number;
  /** The deck's "Nothing I know" class: shown and said as silence, never as a word. */
  background: boolean;
}

export interface PhotoClassification {
  /** The path that was classified (one per image file found in the sources). */
  path: string;
  /** Top 3 (or fewer when the deck has fewer classes), most likely first; empty on error. */
  top: Prediction[];
  /** "Why this word?": the deck's photos nearest to this one, of the first and the second word. */
  similar?: SimilarPhotos;
  /** The most likely answer is the deck's "Nothing I know": the photo shows none of its words. */
  background: boolean;
  error?: { code: string; message: string };
}

/** One photo file's network input, for the window's own model (the Test tab). */
export interface TestPhotoPixels {
  /** The source's path, in the order asked. */
  path: string;
  /** The centre square, inputSize x inputSize x 3 bytes (RGB, rows top to bottom), base64; absent on error. */
  pixels?: string;
  /** Width and height of `pixels`. */
  size: number;
  error?: { code: string; message: string };
}

/** Everything the in-window TF.js needs to run a deck's model live. */
export interface LiveModel {
  deckId: number;
  versionId: number;
  number: number;
  baseModelId: string;
  /** Where the host serves the base model: "/base-models/<id>/model.json". */
  baseModelUrl: string;
  inputSize: number;
  normalization: Normalization;
  featureLayer: string;
  /**
   * How a photo becomes the input: center square crop of the upright image, resized to
   * inputSize x inputSize, RGB.
   */
  preprocessing: { version: number; crop: 'center-square' };
  head: HeadSpec;
  /** Class keys in output order (same as head.labels). */
  labels: string[];
  /** words[key][language]. */
  words: Record<string, Record<LanguageCode, string>>;
  languages: LanguageCode[];
  /**
   * The label (one of `labels`) of the deck's "Nothing I know" class, or null: when it wins,
   * screens show and say nothing.
   */
  background: string | null;
}

/** A trained head in plain numbers (also used by export and the live test). */
export interface DenseLayerSpec {
  inputSize: number;
  units: number;
  activation: 'relu' | 'softmax';
  /** Row-major [inputSize][units], as tf.layers.dense keeps its kernel. */
  kernel: number[];
  bias: number[];
}

export interface HeadSpec {
  baseModelId: string;
  /** Length of the feature vector the head takes (256 for MobileNet v1 0.25). */
  featureSize: number;
  /** One or two dense layers; the last is softmax over the classes. */
  layers: DenseLayerSpec[];
  /** Class keys in output order. */
  labels: string[];
}

export interface FolderEvaluation extends EvaluationMetrics {
  versionId: number;
  /** Subfolders whose name matched no class key (their photos were not judged). */
  unmatchedFolders: string[];
  /** Files that could not be read as images. */
  failed: { path: string; reason: string }[];
}

// ---------------------------------------------------------------------------------------------

export interface TrainingApi {
  /** Backend, worker count and versions: shown in the UI and printed by the CLI. */
  getMlInfo: { req: void; res: MlInfo };
  listBaseModels: { req: void; res: BaseModelInfo[] };
  /** Makes a base model available (downloads it into the cache if needed); job kind "base-model". */
  prepareBaseModel: { req: { baseModelId: string }; res: { jobId: string } };
  /**
   * Imports a TF.js layers model from a folder (model.json + shards) into the model cache.
   * `featureLayer` names the layer whose output becomes the features.
   */
  importBaseModel: {
    req: { dir: string; featureLayer: string; id?: string; name?: string; licence?: string };
    res: BaseModelInfo;
  };

  /** The settings and base model a deck trains with (or the project's default base model). */
  getTrainingConfig: { req: { deckId?: number }; res: TrainingConfig };
  /**
   * Remembers a deck's base model and the settings an expert changed (`settings` replaces the
   * stored changes; {} resets to defaults). Without deckId, sets the project's default base model.
   */
  setTrainingConfig: {
    req: { deckId?: number; baseModelId?: string; settings?: Partial<TrainingSettings> };
    res: TrainingConfig;
  };
  getFeatureStatus: { req: { deckId: number; baseModelId?: string }; res: FeatureStatus };
  /** Where getting the deck's photos ready for training stands (job kind "prepare"). */
  getTrainingPreparation: { req: { deckId: number }; res: TrainingPreparation };
  /** Computes missing features of a deck ahead of training; job kind "features". */
  startFeatureExtraction: {
    req: { deckId: number; baseModelId?: string; augmentation?: boolean };
    res: { jobId: string };
  };
  /**
   * Train: base model, missing features, fit the head, evaluate, save a version. One job (kind
   * "training") whose progress message names the phase; `training.epoch` streams the curves.
   * `settings` and `baseModelId` apply to this run only (on top of the deck's config).
   * Cancelling saves nothing: the deck keeps its previous version.
   */
  startTraining: {
    req: { deckId: number; settings?: Partial<TrainingSettings>; baseModelId?: string };
    res: { jobId: string; runId: string };
  };
  /** The deck's training in progress (with the curves so far), or null. */
  getActiveTraining: { req: { deckId: number }; res: ActiveTraining | null };
  listModelVersions: { req: { deckId: number }; res: ModelVersionSummary[] };
  getModelVersion: { req: { versionId: number }; res: ModelVersion };
  deleteModelVersion: { req: { versionId: number }; res: void };

  /** Top 3 words for each photo ("try a photo"); the deck's newest version unless one is named. */
  classifyPhotos: {
    req: { deckId: number; versionId?: number; sources: ImportSource[] };
    res: PhotoClassification[];
  };
  /** One result per source (image files, as staged for the window), in order; see TestPhotoPixels. */
  prepareTestPhotos: {
    req: { deckId: number; versionId?: number; sources: ImportSource[] };
    res: TestPhotoPixels[];
  };
  getLiveModel: { req: { deckId: number; versionId?: number }; res: LiveModel };
  /** Runs a version on a folder of class subfolders; job kind "evaluation", result FolderEvaluation. */
  startEvaluation: { req: { deckId: number; versionId?: number; dir: string }; res: { jobId: string } };
}

/**
 * Settings an expert changed: numbers and switches. Their ranges are the core's to judge
 * (resolveSettings answers with the allowed range in plain words).
 */
const settingsPatch = () =>
  request({
    epochs: z.number().optional(),
    batchSize: z.number().optional(),
    learningRate: z.number().optional(),
    hiddenUnits: z.number().optional(),
    validationShare: z.number().optional(),
    classWeighting: z.boolean().optional(),
    augmentation: z.boolean().optional(),
    seed: z.number().optional(),
    heads: z.number().optional(),
  });

/** The validator of each request: shape and size (see ../validation/fields.ts). */
export const trainingMethods = requestSchemas<TrainingApi>()({
  getMlInfo: noRequest(),
  listBaseModels: noRequest(),
  prepareBaseModel: request({ baseModelId: token() }),
  importBaseModel: request({
    dir: path(),
    featureLayer: token(),
    id: token().optional(),
    name: text().optional(),
    licence: text(LIMITS.longText).optional(),
  }),
  getTrainingConfig: request({ deckId: id().optional() }),
  setTrainingConfig: request({ deckId: id().optional(), baseModelId: token().optional(), settings: settingsPatch().optional() }),
  getFeatureStatus: request({ deckId: id(), baseModelId: token().optional() }),
  startFeatureExtraction: request({ deckId: id(), baseModelId: token().optional(), augmentation: z.boolean().optional() }),
  getTrainingPreparation: request({ deckId: id() }),
  startTraining: request({ deckId: id(), settings: settingsPatch().optional(), baseModelId: token().optional() }),
  getActiveTraining: request({ deckId: id() }),
  listModelVersions: request({ deckId: id() }),
  getModelVersion: request({ versionId: id() }),
  deleteModelVersion: request({ versionId: id() }),
  classifyPhotos: request({ deckId: id(), versionId: id().optional(), sources: importSources() }),
  prepareTestPhotos: request({ deckId: id(), versionId: id().optional(), sources: importSources() }),
  getLiveModel: request({ deckId: id(), versionId: id().optional() }),
  startEvaluation: request({ deckId: id(), versionId: id().optional(), dir: path() }),
});

export interface TrainingEvents {
  /** A run of the deck started (the deck doctor checks the deck being trained). */
  'training.started': { runId: string; deckId: number };
  /** After every epoch of a run, for the live curves. */
  'training.epoch': EpochMetrics & { runId: string; deckId: number; epochs: number };
  /** A run saved a new version: screens showing the deck's model (results, Test) should reload. */
  'training.finished': { runId: string; deckId: number; versionId: number; number: number };
  /**
   * Photos of the deck wait to be got ready for training: its preparation starts once the deck has
   * been quiet for a moment and other work has ended (see getTrainingPreparation's 'waiting').
   */
  'training.waiting': { deckId: number };
  /** The studio started getting the deck's photos ready for training (job kind "prepare"). */
  'training.preparing': { deckId: number; jobId: string };
  /**
   * Getting the deck's photos ready ended (not cancelled): `ready` of `photos` have every feature
   * training needs; `unreadable` of the others cannot be decoded (the rest still wait).
   */
  'training.prepared': { deckId: number; ready: number; photos: number; unreadable: number };
  /** Base models were downloaded or imported. */
  'baseModels.changed': { baseModelId: string };
}
