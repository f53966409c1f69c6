import type { Migration } from './migration';

/** Tables of the deploy work (owned by that area; filled in when it lands). */
export const migration004: Migration = {
  version: 4,
  name: 'deploy',
  sql: '',
};
