import type { Migration } from './migration';

/** Tables of the export work (owned by that area; filled in when it lands). */
export const migration003: Migration = {
  version: 3,
  name: 'export',
  sql: '',
};
