import type { Migration } from './migration';

/** Tables of the training work (owned by that area; filled in when it lands). */
export const migration002: Migration = {
  version: 2,
  name: 'training',
  sql: '',
};
