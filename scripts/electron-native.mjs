// Native modules for Electron. better-sqlite3 must match Electron's Node ABI, not the system Node
// that runs the tests, so an Electron build of it is kept apart in node_modules/.cache and handed
// to the core by path (MAGRITTE_SQLITE_BINDING, read by electron/main/sqlite-native.ts).
// sharp uses Node-API, which is ABI-stable: it needs no rebuild.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronVersion } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function run(cmd, args, cwd) {
  // Progress goes to stderr so callers can keep stdout for themselves.
  const result = spawnSync(cmd, args, { stdio: ['ignore', 2, 2], cwd, shell: process.platform === 'win32' });
  return result.status === 0;
}

/**
 * Path of better_sqlite3.node built for the installed Electron, getting it the first time
 * (prebuilt download, else a compile). Returns null, after saying why, when neither works.
 */
export function sqliteForElectron() {
  const version = electronVersion();
  const dir = path.join(
    root,
    'node_modules',
    '.cache',
    'magritte-electron-native',
    `electron-${version}-${process.platform}-${process.arch}`,
    'better-sqlite3',
  );
  const addon = path.join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(addon)) return addon;
  console.error(`Preparing the database module for Electron ${version} (once)...`);
  fs.rmSync(dir, { recursive: true, force: true });
  // A copy, so the node_modules copy stays built for Node and `npm test` keeps working.
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), dir, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
  });
  const target = [`--target=${version}`, `--arch=${process.arch}`];
  const ok =
    run(bin('prebuild-install'), ['--runtime=electron', ...target], dir) ||
    run(bin('node-gyp'), ['rebuild', '--release', ...target, '--dist-url=https://electronjs.org/headers'], dir);
  if (ok && fs.existsSync(addon)) return addon;
  console.error(
    [
      '',
      `Could not get the database module (better-sqlite3) for Electron ${version}.`,
      'It is downloaded once from GitHub (or compiled, which needs Python and a C++ compiler).',
      'Check the internet connection and try again, or use the browser mode: npm run serve',
    ].join('\n'),
  );
  return null;
}
