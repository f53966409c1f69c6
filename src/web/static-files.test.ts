/** The browser host's built-renderer files: nothing outside the build folder, even through a link. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHandler, type HandlerServer } from './test-server';
import { tempDir } from '../test-support/test-core';
import { createStaticHandler } from './static-files';

let tmp: string;
let served: HandlerServer;
let base: string;

beforeAll(async () => {
  tmp = tempDir('magritte-static-');
  const root = path.join(tmp, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>studio</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app-1.js'), 'console.log(1)');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'outside the build');
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(root, 'assets', 'escape.js'));
  fs.symlinkSync(tmp, path.join(root, 'up'));
  served = await serveHandler(createStaticHandler(root));
  base = served.base;
});
afterAll(async () => {
  await served.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('static files', () => {
  it('serves built files, and index.html for page routes', async () => {
    expect(await (await fetch(`${base}/assets/app-1.js`)).text()).toBe('console.log(1)');
    expect(await (await fetch(`${base}/deck/3`)).text()).toContain('<title>studio</title>');
  });

  it('never serves a file a link leads to outside the build folder', async () => {
    for (const p of ['/assets/escape.js', '/up/secret.txt', '/..%2Fsecret.txt']) {
      const text = await (await fetch(`${base}${p}`)).text();
      expect(text, p).not.toContain('outside the build');
      expect(text, p).toContain('<title>studio</title>');
    }
  });
});
