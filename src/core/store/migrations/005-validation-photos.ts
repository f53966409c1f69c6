import type { Migration } from './migration';

/**
 * Training: the exact photos a model version was checked on. Export's parity gate runs TensorFlow
 * Lite on them; re-deriving the split later gives other photos once the deck has changed (photos
 * added after training move the held-out block). NULL for versions saved before this step: the
 * gate re-derives the split for those, as it always did.
 */
export const migration005: Migration = {
  version: 5,
  name: 'validation-photos',
  sql: `
-- JSON array of photo ids (photos.id) of the validation block the version was judged on.
ALTER TABLE model_versions ADD COLUMN validation_photo_ids TEXT;
`,
};
