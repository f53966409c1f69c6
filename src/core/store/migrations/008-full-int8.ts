import type { Migration } from './migration';

/**
 * Full-integer TFLite exports. The `quantize` column's CHECK (step 3) knows only 'int8', and SQLite
 * can change a CHECK only by rebuilding the table, which would cascade-delete export_decks inside
 * the migration's transaction. So the kind of smaller file moves to a new column; `quantize` keeps
 * 'int8' for dynamic-range exports (older studios reading the project still see them) and stays
 * NULL for full-integer ones. Readers take `quantization_kind`, falling back on `quantize`.
 */
export const migration008: Migration = {
  version: 8,
  name: 'full-int8',
  sql: `
ALTER TABLE exports ADD COLUMN quantization_kind TEXT CHECK (quantization_kind IS NULL OR quantization_kind IN ('int8', 'full-int8'));
UPDATE exports SET quantization_kind = quantize;
`,
};
