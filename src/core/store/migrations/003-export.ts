import type { Migration } from './migration';

/**
 * Export history: what was written where, with the parity gate's result, so the export screen
 * can list earlier exports and a teacher can see that the phone file was checked.
 * Decks and versions are copied by value (name, number) so the record survives their deletion.
 */
export const migration003: Migration = {
  version: 3,
  name: 'export',
  sql: `
CREATE TABLE exports (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  folder TEXT NOT NULL,
  zip_path TEXT NOT NULL,
  -- JSON arrays: ["tfjs","tflite"], ["en","fr"].
  formats_json TEXT NOT NULL,
  languages_json TEXT NOT NULL,
  quantize TEXT CHECK (quantize IS NULL OR quantize IN ('int8')),
  -- JSON ExportedFile[]: name, kind, bytes.
  files_json TEXT NOT NULL,
  total_bytes INTEGER NOT NULL,
  -- NULL when no .tflite was exported; else 1 (exports whose gate failed are not kept).
  parity_passed INTEGER CHECK (parity_passed IS NULL OR parity_passed IN (0, 1)),
  -- JSON ParityReport and QuantizationReport (NULL when not run).
  parity_json TEXT,
  quantization_json TEXT,
  ms INTEGER NOT NULL
);

CREATE TABLE export_decks (
  export_id INTEGER NOT NULL REFERENCES exports(id) ON DELETE CASCADE,
  -- Output index in the exported model.
  position INTEGER NOT NULL,
  deck_id INTEGER REFERENCES decks(id) ON DELETE SET NULL,
  deck_name TEXT NOT NULL,
  version_id INTEGER NOT NULL,
  version_number INTEGER NOT NULL,
  base_model_id TEXT NOT NULL,
  classes INTEGER NOT NULL,
  PRIMARY KEY (export_id, position)
);
CREATE INDEX export_decks_by_deck ON export_decks(deck_id);
`,
};
