import type { Migration } from './migration';

/**
 * Training: cached features, model versions and each deck's training choices.
 *
 * Embeddings are keyed by the photo's content (sha256), not its row, so the same photo in two decks,
 * or deleted and re-imported before the project closes, never costs a second pass through the base
 * network. They outlive their photos until the project next opens: its sweep (store/sweep.ts) drops
 * those no photo row has.
 */
export const migration002: Migration = {
  version: 2,
  name: 'training',
  sql: `
CREATE TABLE embeddings (
  sha256 TEXT NOT NULL,
  base_model_id TEXT NOT NULL,
  preprocessing INTEGER NOT NULL,
  -- 'orig', or an augmentation view: 'flip', 'crop-tl', 'crop-br'.
  variant TEXT NOT NULL,
  -- float32 little-endian, featureSize values.
  vector BLOB NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (sha256, base_model_id, preprocessing, variant)
) WITHOUT ROWID;

CREATE TABLE model_versions (
  id INTEGER PRIMARY KEY,
  deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  run_id TEXT NOT NULL UNIQUE,
  base_model_id TEXT NOT NULL,
  preprocessing INTEGER NOT NULL,
  backend TEXT NOT NULL,
  settings_json TEXT NOT NULL,
  curves_json TEXT NOT NULL,
  metrics_json TEXT NOT NULL,
  -- HeadSpec JSON: dense layers with their weights, and the labels in output order.
  head_json TEXT NOT NULL,
  -- [{photoId, sha256, trueKey, predictedKey, confidence}] of the validation block.
  misclassified_json TEXT NOT NULL,
  timings_json TEXT NOT NULL,
  stopped TEXT NOT NULL CHECK (stopped IN ('completed', 'diverged')),
  message TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (deck_id, number)
);

-- What a deck trains with next time: the base model and the settings an expert changed.
CREATE TABLE deck_training (
  deck_id INTEGER PRIMARY KEY REFERENCES decks(id) ON DELETE CASCADE,
  base_model_id TEXT,
  settings_json TEXT
);

-- The project's default base model for decks that name none (\`create --base\`).
CREATE TABLE project_training (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  base_model_id TEXT NOT NULL
);
`,
};
