import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';

/**
 * The built main process (out/main/index.js + core-process.js), run under plain Node with Electron's
 * API replaced by tests/electron/stub/electron.mjs. It runs everywhere, binary or not, and catches
 * what unit tests cannot: bundling mistakes, wiring order, the real core behind the IPC forwarding.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const stub = path.join(import.meta.dirname, 'stub');

test('the built main process serves the page, forwards IPC to the core and refuses the rest', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-main-bundle-'));
  const apples = path.resolve(root, '../shared/data/fruits/Apple');
  const photos = fs
    .readdirSync(apples)
    .filter((f) => f.endsWith('.jpg'))
    .sort()
    .slice(0, 2)
    .map((f) => path.join(apples, f));
  try {
    const stdout = execFileSync(process.execPath, ['--import', path.join(stub, 'register.mjs'), path.join(stub, 'drive-main.mjs'), root, ...photos], {
      cwd: root,
      env: { ...process.env, MAGRITTE_DATA_DIR: path.join(tmp, 'data'), MAGRITTE_PROJECTS_DIR: path.join(tmp, 'projects') },
      encoding: 'utf8',
      timeout: 90_000,
    });
    const out = JSON.parse(stdout.trim().split('\n').pop()!);

    expect(out.url).toBe('app://studio/index.html');
    expect(out.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(out.webPreferences.preload).toMatch(/out[\\/]preload[\\/]index\.cjs$/);
    expect(fs.existsSync(out.webPreferences.preload)).toBe(true);
    expect(out.schemes[0]).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(out.page).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, html: true });

    expect(out.project).toMatchObject({ kind: 'reply', name: 'createProject', payload: { name: 'Bundle' } });
    expect(fs.existsSync(path.join(tmp, 'projects', 'Bundle.magritte', 'project.db'))).toBe(true);
    expect(out.events).toContain('studio:event job.finished');
    expect(out.media).toEqual({ thumb: 200, blob: 200, traversal: [403, 403] });

    expect(out.untrusted).toMatch(/Refused/);
    expect(out.permissions).toEqual({ camera: true, microphone: false });
    expect(out.networkCancelled).toBe(true);
    expect(out.navigationPrevented).toBe(true);
    expect(out.windowOpen).toBe('deny');
    // Both the blocked navigation and the denied window.open hand the https link to the system browser.
    expect(out.log).toEqual([
      'enableSandbox',
      'fork Magritte Studio core',
      'openExternal https://example.com/',
      'openExternal https://example.com/',
      'quit deferred',
      'quit',
    ]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
