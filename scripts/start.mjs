#!/usr/bin/env node
// `npm start`: builds the studio and opens its window in Electron. Where Electron's binary is
// missing it says so plainly and points to the browser mode (exit 0: nothing is broken).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';
import { sqliteForElectron } from './electron-native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const electron = electronBinary();
if (!electron) {
  console.log(
    [
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
    ].join('\n'),
  );
  process.exit(0);
}

const addon = sqliteForElectron();
if (!addon) process.exit(1);

if (!process.argv.includes('--no-build')) {
  const viteBin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
  const build = spawnSync(viteBin, ['build'], { stdio: 'inherit', cwd: root, shell: process.platform === 'win32' });
  if (build.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(1);
  }
}

const env = { ...process.env, MAGRITTE_SQLITE_BINDING: addon };
// Set by some tools; it would make Electron behave as plain Node and never open a window.
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron, [root], { stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
