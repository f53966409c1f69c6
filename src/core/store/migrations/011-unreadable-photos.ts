import type { Migration } from './migration';

/**
 * Photos whose file could not be decoded into the network's pixels, keyed like the feature cache
 * by content and preprocessing version: such a photo never gets features, so without a record the
 * background preparation took it for "still waiting" and started again at every open. A new
 * preprocessing version (another decoder or resize) tries them again.
 */
export const migration011: Migration = {
  version: 11,
  name: 'unreadable-photos',
  sql: `
CREATE TABLE unreadable_photos (
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  -- PREPROCESSING_VERSION in src/core/ml/features/preprocess.ts.
  preprocessing INTEGER NOT NULL,
  -- The StudioError code (IMAGE_CORRUPT, IMAGE_UNSUPPORTED, IMAGE_TOO_LARGE) and its message.
  code TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (sha256, preprocessing)
);
`,
};
