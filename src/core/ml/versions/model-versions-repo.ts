import type {
  DenseLayerSpec,
  EpochMetrics,
  HeadSpec,
  MisclassifiedPhoto,
  MlBackendName,
  ModelVersion,
  ModelVersionSummary,
  RunMetrics,
  RunStop,
  TrainingSettings,
} from '../../../shared/api/training';
import { StudioError } from '../../../shared/errors';
import type { Db } from '../../store/open-database';

/** What a finished run stores (table `model_versions`, migration 002). */
export interface NewModelVersion {
  deckId: number;
  runId: string;
  baseModelId: string;
  preprocessing: number;
  backend: MlBackendName;
  settings: TrainingSettings;
  curves: EpochMetrics[];
  metrics: RunMetrics;
  head: HeadSpec;
  misclassified: MisclassifiedPhoto[];
  timings: Record<string, number>;
  stopped: RunStop;
  message: string | null;
  /** Ids of the photos the version was judged on (its validation block), in dataset order. */
  validationPhotoIds: number[];
  /** The deck revision it was trained on (src/core/revision). */
  revisionId: number | null;
}

interface VersionRow {
  id: number;
  deck_id: number;
  number: number;
  run_id: string;
  base_model_id: string;
  preprocessing: number;
  backend: string;
  settings_json: string;
  curves_json: string;
  metrics_json: string;
  head_json: string;
  misclassified_json: string;
  timings_json: string;
  stopped: RunStop;
  message: string | null;
  created_at: string;
  validation_photo_ids: string | null;
}

/**
 * Heads are stored with their weights as base64 float32 (a 256-100-6 head: 105 KB instead of
 * 500 KB of JSON digits); the contract keeps plain number arrays.
 */
interface StoredLayer extends Omit<DenseLayerSpec, 'kernel' | 'bias'> {
  kernelF32: string;
  biasF32: string;
}

function f32ToBase64(values: readonly number[]): string {
  return Buffer.from(Float32Array.from(values).buffer).toString('base64');
}

function base64ToNumbers(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  return Array.from(new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
}

export function encodeHead(head: HeadSpec): string {
  const layers: StoredLayer[] = head.layers.map(({ kernel, bias, ...rest }) => ({
    ...rest,
    kernelF32: f32ToBase64(kernel),
    biasF32: f32ToBase64(bias),
  }));
  return JSON.stringify({ ...head, layers });
}

export function decodeHead(json: string): HeadSpec {
  const stored = JSON.parse(json) as Omit<HeadSpec, 'layers'> & { layers: StoredLayer[] };
  return {
    ...stored,
    layers: stored.layers.map(({ kernelF32, biasF32, ...rest }) => ({ ...rest, kernel: base64ToNumbers(kernelF32), bias: base64ToNumbers(biasF32) })),
  };
}

function notFound(): StudioError {
  return new StudioError('MODEL_NOT_FOUND', 'That model version no longer exists.', 'Refresh the list of versions.');
}

function newestId(db: Db, deckId: number): number | null {
  const row = db.prepare('SELECT id FROM model_versions WHERE deck_id = ? ORDER BY number DESC LIMIT 1').get(deckId) as { id: number } | undefined;
  return row?.id ?? null;
}

type SummaryRow = Pick<
  VersionRow,
  'id' | 'deck_id' | 'number' | 'run_id' | 'base_model_id' | 'created_at' | 'settings_json' | 'metrics_json' | 'stopped' | 'message'
>;

/** A version's settings; versions saved before averaged heads existed were trained with one. */
function storedSettings(json: string): TrainingSettings {
  return { heads: 1, ...(JSON.parse(json) as Omit<TrainingSettings, 'heads'>) };
}

function toSummary(r: SummaryRow, currentId: number | null): ModelVersionSummary {
  const metrics = JSON.parse(r.metrics_json) as RunMetrics;
  return {
    id: r.id,
    deckId: r.deck_id,
    number: r.number,
    runId: r.run_id,
    baseModelId: r.base_model_id,
    createdAt: r.created_at,
    settings: storedSettings(r.settings_json),
    accuracy: metrics.accuracy,
    stopped: r.stopped,
    message: r.message,
    current: r.id === currentId,
  };
}

/** Saves a run as the deck's next version number; returns its id and number. */
export function insertModelVersion(db: Db, v: NewModelVersion): { id: number; number: number } {
  return db.transaction(() => {
    const row = db.prepare('SELECT COALESCE(MAX(number), 0) + 1 AS next FROM model_versions WHERE deck_id = ?').get(v.deckId) as { next: number };
    const info = db
      .prepare(
        `INSERT INTO model_versions (deck_id, number, run_id, base_model_id, preprocessing, backend, settings_json, curves_json,
           metrics_json, head_json, misclassified_json, timings_json, stopped, message, created_at, validation_photo_ids, revision_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        v.deckId,
        row.next,
        v.runId,
        v.baseModelId,
        v.preprocessing,
        v.backend,
        JSON.stringify(v.settings),
        JSON.stringify(v.curves),
        JSON.stringify(v.metrics),
        encodeHead(v.head),
        JSON.stringify(v.misclassified),
        JSON.stringify(v.timings),
        v.stopped,
        v.message,
        new Date().toISOString(),
        JSON.stringify(v.validationPhotoIds),
        v.revisionId,
      );
    return { id: Number(info.lastInsertRowid), number: row.next };
  })();
}

/** Versions of a deck, newest first. */
export function listModelVersions(db: Db, deckId: number): ModelVersionSummary[] {
  // Not SELECT *: the list needs neither the heads nor the curves.
  const rows = db
    .prepare(
      `SELECT id, deck_id, number, run_id, base_model_id, created_at, settings_json, metrics_json, stopped, message
       FROM model_versions WHERE deck_id = ? ORDER BY number DESC`,
    )
    .all(deckId) as SummaryRow[];
  const current = rows[0]?.id ?? null;
  return rows.map((r) => toSummary(r, current));
}

function getRow(db: Db, versionId: number): VersionRow {
  const row = db.prepare('SELECT * FROM model_versions WHERE id = ?').get(versionId) as VersionRow | undefined;
  if (!row) throw notFound();
  return row;
}

export function getModelVersion(db: Db, versionId: number): ModelVersion {
  const r = getRow(db, versionId);
  const settings = storedSettings(r.settings_json);
  return {
    ...toSummary(r, newestId(db, r.deck_id)),
    curves: JSON.parse(r.curves_json) as EpochMetrics[],
    metrics: JSON.parse(r.metrics_json) as RunMetrics,
    misclassified: JSON.parse(r.misclassified_json) as MisclassifiedPhoto[],
    timings: JSON.parse(r.timings_json) as Record<string, number>,
    backend: r.backend as MlBackendName,
    hiddenUnits: settings.hiddenUnits,
  };
}

export function getHead(db: Db, versionId: number): { deckId: number; number: number; head: HeadSpec; preprocessing: number } {
  const r = getRow(db, versionId);
  return { deckId: r.deck_id, number: r.number, head: decodeHead(r.head_json), preprocessing: r.preprocessing };
}

/**
 * The photo ids a version was judged on, or null for a version saved before they were kept
 * (migration 005): then only re-deriving the split can tell.
 */
export function getValidationPhotoIds(db: Db, versionId: number): number[] | null {
  const r = db.prepare('SELECT validation_photo_ids FROM model_versions WHERE id = ?').get(versionId) as
    Pick<VersionRow, 'validation_photo_ids'> | undefined;
  if (!r) throw notFound();
  return r.validation_photo_ids === null ? null : (JSON.parse(r.validation_photo_ids) as number[]);
}

/** The version to use: the one named (checked against the deck), else the deck's newest. */
export function resolveVersionId(db: Db, deckId: number, versionId?: number): number {
  if (versionId !== undefined) {
    const r = getRow(db, versionId);
    if (r.deck_id !== deckId) throw notFound();
    return r.id;
  }
  const id = newestId(db, deckId);
  if (id === null) {
    throw new StudioError('NOT_TRAINED', 'This deck has no trained model yet.', 'Train the deck first (the Train button).');
  }
  return id;
}

export function deleteModelVersion(db: Db, versionId: number): number {
  const r = getRow(db, versionId);
  db.prepare('DELETE FROM model_versions WHERE id = ?').run(versionId);
  return r.deck_id;
}
