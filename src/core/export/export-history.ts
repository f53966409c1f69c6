import fs from 'node:fs';
import type {
  ExportedDeck,
  ExportFormat,
  ExportQuantization,
  ExportResult,
  ExportSummary,
  ParityReport,
  QuantizationReport,
} from '../../shared/api/export';
import type { Db } from '../store/open-database';

/**
 * Records a finished export (its files, decks and parity result); returns its id. `revisionIds`
 * are the decks' revisions (src/core/revision) in `r.decks` order.
 */
export function recordExport(db: Db, r: Omit<ExportResult, 'id' | 'exists' | 'timings'>, revisionIds: (number | null)[] = []): number {
  return db.transaction(() => {
    const info = db
      .prepare(
        `INSERT INTO exports (created_at, folder, zip_path, formats_json, languages_json, quantize, quantization_kind, files_json,
           total_bytes, parity_passed, parity_json, quantization_json, ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.createdAt,
        r.folder,
        r.zipPath,
        JSON.stringify(r.formats),
        JSON.stringify(r.languages),
        // The old column holds only 'int8' (migration 007).
        r.quantize === 'int8' ? 'int8' : null,
        r.quantize,
        JSON.stringify(r.files),
        r.totalBytes,
        r.parity ? (r.parity.passed ? 1 : 0) : null,
        r.parity ? JSON.stringify(r.parity) : null,
        r.quantization ? JSON.stringify(r.quantization) : null,
        r.ms,
      );
    const id = Number(info.lastInsertRowid);
    const deckStmt = db.prepare(
      `INSERT INTO export_decks (export_id, position, deck_id, deck_name, version_id, version_number, base_model_id, classes, revision_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    r.decks.forEach((d, i) => deckStmt.run(id, i, d.deckId, d.name, d.versionId, d.versionNumber, d.baseModelId, d.classes, revisionIds[i] ?? null));
    return id;
  })();
}

interface ExportRow {
  id: number;
  created_at: string;
  folder: string;
  zip_path: string;
  formats_json: string;
  languages_json: string;
  quantize: 'int8' | null;
  quantization_kind: ExportQuantization | null;
  files_json: string;
  total_bytes: number;
  parity_json: string | null;
  quantization_json: string | null;
  ms: number;
}

interface DeckRow {
  position: number;
  deck_id: number | null;
  deck_name: string;
  version_id: number;
  version_number: number;
  base_model_id: string;
  classes: number;
}

function decksOf(db: Db, exportId: number): ExportedDeck[] {
  const rows = db.prepare('SELECT * FROM export_decks WHERE export_id = ? ORDER BY position').all(exportId) as DeckRow[];
  return rows.map((d) => ({
    deckId: d.deck_id ?? 0,
    name: d.deck_name,
    versionId: d.version_id,
    versionNumber: d.version_number,
    baseModelId: d.base_model_id,
    classes: d.classes,
  }));
}

function toSummary(db: Db, r: ExportRow): ExportSummary {
  return {
    id: r.id,
    createdAt: r.created_at,
    folder: r.folder,
    zipPath: r.zip_path,
    decks: decksOf(db, r.id),
    formats: JSON.parse(r.formats_json) as ExportFormat[],
    languages: JSON.parse(r.languages_json) as string[],
    quantize: r.quantization_kind ?? r.quantize,
    parity: r.parity_json ? (JSON.parse(r.parity_json) as ParityReport) : null,
    quantization: r.quantization_json ? (JSON.parse(r.quantization_json) as QuantizationReport) : null,
    totalBytes: r.total_bytes,
    exists: fs.existsSync(r.folder),
  };
}

/** Exports of the project, newest first; only those containing `deckId` when given. */
export function listExports(db: Db, deckId?: number): ExportSummary[] {
  const rows = (
    deckId === undefined
      ? db.prepare('SELECT * FROM exports ORDER BY id DESC').all()
      : db.prepare('SELECT * FROM exports WHERE id IN (SELECT export_id FROM export_decks WHERE deck_id = ?) ORDER BY id DESC').all(deckId)
  ) as ExportRow[];
  return rows.map((r) => toSummary(db, r));
}
