import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { sqliteForElectron } from '../../scripts/electron-native.mjs';
import { SKIP_REASON } from './skip-reason';

/**
 * Where Electron can run: build the app if it has not been built, and get better-sqlite3 for
 * Electron's ABI (kept apart from the Node copy the other tests use). Workers read the result
 * from the environment. Where it cannot run there is nothing to prepare: the test skips.
 */
export default function globalSetup(): void {
  if (!electronBinary()) {
    console.log(`\n${SKIP_REASON}\n`);
    return;
  }
  const root = path.resolve(import.meta.dirname, '..', '..');
  if (!fs.existsSync(path.join(root, 'out', 'main', 'index.js')) || !fs.existsSync(path.join(root, 'out', 'renderer', 'index.html'))) {
    execFileSync(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, stdio: 'inherit' });
  }
  const addon = sqliteForElectron();
  if (!addon) throw new Error('better-sqlite3 for Electron is missing: see the message above.');
  process.env.MAGRITTE_SQLITE_BINDING = addon;
}
