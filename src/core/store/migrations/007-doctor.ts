import type { Migration } from './migration';

/**
 * The deck doctor: cheap statistics of each photo (cached by content, like embeddings, so a
 * second check of a deck reads them instead of decoding thumbnails again), the last check of each
 * deck (so a badge can show its count at once), and the findings a teacher chose to keep
 * ("keep and stop flagging"), keyed by what they are about rather than by a run.
 */
export const migration007: Migration = {
  version: 7,
  name: 'doctor',
  sql: `
CREATE TABLE photo_stats (
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  -- STATS_VERSION in src/core/doctor/image-stats.ts.
  version INTEGER NOT NULL,
  luminance REAL NOT NULL,
  sharpness REAL NOT NULL,
  aspect REAL NOT NULL,
  -- Grey 64x64 fingerprint (4096 bytes).
  print BLOB NOT NULL,
  PRIMARY KEY (sha256, version)
);

CREATE TABLE doctor_reports (
  deck_id INTEGER PRIMARY KEY REFERENCES decks(id) ON DELETE CASCADE,
  -- JSON DoctorReport (src/shared/api/doctor.ts).
  report_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE doctor_kept (
  deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
  -- Finding key: its kind and the photos' sha256 values (see src/core/doctor/finding-key.ts).
  finding_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (deck_id, finding_key)
);
`,
};
