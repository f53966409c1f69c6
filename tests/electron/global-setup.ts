import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { sqliteForElectron } from '../../scripts/electron-native.mjs';
import { SKIP_REASON } from './skip-reason';

const root = path.resolve(import.meta.dirname, '..', '..');
const BUILT = ['out/main/index.js', 'out/main/core-process.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

/**
 * Builds the app if it has not been built (`npm test` builds before this), and, where Electron can
 * run, gets better-sqlite3 for Electron's ABI (kept apart from the Node copy the other tests use);
 * workers read its path from the environment. Where Electron cannot run, says why the smoke test skips.
 */
export default function globalSetup(): void {
  if (BUILT.some((f) => !fs.existsSync(path.join(root, f)))) {
    execFileSync(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, stdio: 'inherit' });
  }
  if (!electronBinary()) {
    console.log(`\nsmoke.spec.ts: ${SKIP_REASON}\n`);
    return;
  }
  const addon = sqliteForElectron();
  if (!addon) throw new Error('better-sqlite3 for Electron is missing: see the message above.');
  process.env.MAGRITTE_SQLITE_BINDING = addon;
}
