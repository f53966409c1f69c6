/**
 * better-sqlite3 as the core sees it inside Electron. The build aliases `better-sqlite3` to this
 * file for the core-process bundle only. Electron's Node has another ABI than the system Node the
 * tests use, so `npm start` keeps an Electron build of the addon in a separate folder and names it
 * in MAGRITTE_SQLITE_BINDING; without it (tests, packaged apps rebuilt by electron-builder) this is
 * plain better-sqlite3.
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

// Loaded at run time from node_modules (not through the bundler, which would loop back here).
const Base = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
const binding = process.env.MAGRITTE_SQLITE_BINDING;

class Database extends (Base as unknown as new (filename?: string, options?: BetterSqlite3.Options) => BetterSqlite3.Database) {
  constructor(filename?: string, options: BetterSqlite3.Options = {}) {
    super(filename, binding && options.nativeBinding === undefined ? { ...options, nativeBinding: binding } : options);
  }
}

export default binding ? Database : Base;
