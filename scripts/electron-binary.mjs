// Where Electron's binary is, or null when npm installed the package without it
// (ELECTRON_SKIP_BINARY_DOWNLOAD=1): require('electron') throws or names a missing file then.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function electronBinary() {
  try {
    const file = require('electron');
    return typeof file === 'string' && fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

export function electronVersion() {
  return require('electron/package.json').version;
}
