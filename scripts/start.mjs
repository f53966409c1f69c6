#!/usr/bin/env node
// `npm start`: builds the studio and opens its window in Electron. Where Electron's binary is
// missing it says so plainly and points to the browser mode (exit 0: nothing is broken).
// better-sqlite3 must match Electron's Node ABI, not the system Node that runs the tests, so an
// Electron build of it is kept apart in node_modules/.cache and handed to the core by path.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, electronVersion } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function say(lines) {
  console.log(lines.join('\n'));
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, shell: process.platform === 'win32', ...options });
  return result.status === 0;
}

const electron = electronBinary();
if (!electron) {
  say([
    '',
    "Magritte Studio's desktop window needs Electron's program, which is not installed on this machine",
    '(npm installed Electron with ELECTRON_SKIP_BINARY_DOWNLOAD=1).',
    '',
    'You can use the studio in your web browser instead:',
    '    npm run serve',
    'then open the address it prints (http://127.0.0.1:...).',
    '',
    'To get the desktop window, download Electron once (needs internet), then start again:',
    '    node node_modules/electron/install.js',
    '    npm start',
    '',
  ]);
  process.exit(0);
}

/** Path of better_sqlite3.node built for this Electron, building it the first time. */
function sqliteForElectron() {
  const version = electronVersion();
  const dir = path.join(root, 'node_modules', '.cache', 'magritte-electron-native', `electron-${version}-${process.platform}-${process.arch}`, 'better-sqlite3');
  const addon = path.join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(addon)) return addon;
  console.log(`Preparing the database module for Electron ${version} (once)...`);
  fs.rmSync(dir, { recursive: true, force: true });
  // A copy, so the node_modules copy stays built for Node and `npm test` keeps working.
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), dir, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
  });
  const target = ['--runtime=electron', `--target=${version}`, `--arch=${process.arch}`];
  const ok =
    run(bin('prebuild-install'), target, { cwd: dir }) ||
    run(bin('node-gyp'), ['rebuild', '--release', `--target=${version}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'], { cwd: dir });
  if (!ok || !fs.existsSync(addon)) {
    say([
      '',
      `Could not get the database module (better-sqlite3) for Electron ${version}.`,
      'It is downloaded once from GitHub (or compiled, which needs Python and a C++ compiler).',
      'Check the internet connection and run npm start again, or use the browser mode: npm run serve',
    ]);
    process.exit(1);
  }
  return addon;
}

const addon = sqliteForElectron();
if (!process.argv.includes('--no-build') && !run(bin('electron-vite'), ['build'])) {
  console.error('The build failed; see the messages above.');
  process.exit(1);
}

const env = { ...process.env, MAGRITTE_SQLITE_BINDING: addon };
// Set by some tools; it would make Electron behave as plain Node and never open a window.
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron, [root], { stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
