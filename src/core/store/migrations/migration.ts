/** One step of the project database's schema; applied in order, tracked by PRAGMA user_version. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
