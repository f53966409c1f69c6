import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAppUrl, resolveAppFile, type AppRoots } from './protocol-paths';

const SHA = 'ab'.padEnd(64, '0');
const OTHER_SHA = 'cd'.padEnd(64, '1');

let tmp: string;
let roots: AppRoots;
let secretFile: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-protocol-'));
  const rendererDir = path.join(tmp, 'out', 'renderer');
  const projectDir = path.join(tmp, 'Fruits.magritte');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'main-1234.js'), 'console.log(1)');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'tfjs-backend-wasm.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  fs.mkdirSync(path.join(projectDir, 'blobs', 'ab'), { recursive: true });
  fs.mkdirSync(path.join(projectDir, 'thumbs', 'ab'), { recursive: true });
  fs.writeFileSync(path.join(projectDir, 'blobs', 'ab', SHA), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
  fs.writeFileSync(path.join(projectDir, 'thumbs', 'ab', `${SHA}.webp`), 'RIFF....WEBP');
  fs.writeFileSync(path.join(projectDir, 'project.db'), 'not served');
  // Something a crafted URL would love to read.
  secretFile = path.join(tmp, 'secret.txt');
  fs.writeFileSync(secretFile, 'private');
  // A blob and a thumb that are symlinks leading out of the project.
  fs.mkdirSync(path.join(projectDir, 'blobs', 'cd'), { recursive: true });
  fs.symlinkSync(secretFile, path.join(projectDir, 'blobs', 'cd', OTHER_SHA));
  fs.symlinkSync(tmp, path.join(rendererDir, 'escape'));
  roots = { rendererDir, projectDir };
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('parseAppUrl', () => {
  it('maps the studio host to renderer files, with index.html for the root', () => {
    expect(parseAppUrl('app://studio/')).toEqual({ ok: true, kind: 'renderer', segments: ['index.html'] });
    expect(parseAppUrl('app://studio/assets/a.js?v=1#x')).toEqual({ ok: true, kind: 'renderer', segments: ['assets', 'a.js'] });
  });

  it('maps app://media URLs to thumbs and blobs, and only those', () => {
    expect(parseAppUrl(`app://media/thumbs/${SHA}.webp`)).toEqual({ ok: true, kind: 'thumb', sha: SHA });
    expect(parseAppUrl(`app://media/blobs/${SHA}`)).toEqual({ ok: true, kind: 'blob', sha: SHA });
    // Photos never share the page's origin.
    expect(parseAppUrl(`app://studio/media/blobs/${SHA}`)).toMatchObject({ ok: true, kind: 'renderer' });
  });

  it('refuses names that are not a lowercase sha256', () => {
    for (const url of [
      'app://media/blobs/abc',
      `app://media/blobs/${SHA.toUpperCase()}`,
      `app://media/thumbs/${SHA}`,
      `app://media/thumbs/${SHA}.png`,
      `app://media/blobs/${SHA}.webp`,
      `app://media/blobs/${SHA}0`,
    ]) {
      expect(parseAppUrl(url).ok, url).toBe(false);
    }
  });

  it('refuses encoded separators, encoded dot-dot, NUL and drive letters', () => {
    for (const url of [
      'app://studio/..%2f..%2fsecret.txt',
      'app://studio/%2e%2e%2fsecret.txt',
      'app://studio/assets%5c..%5c..%5csecret.txt',
      'app://studio/a%00.js',
      'app://studio/C:%5cWindows',
      'app://studio/%E0%A4%A',
      `app://media/blobs/..%2f..%2f${SHA}`,
    ]) {
      const result = parseAppUrl(url);
      expect(result.ok, url).toBe(false);
    }
  });

  it('refuses other schemes, hosts and extra media segments', () => {
    expect(parseAppUrl('file:///etc/passwd').ok).toBe(false);
    expect(parseAppUrl('app://evil/index.html').ok).toBe(false);
    expect(parseAppUrl(`app://media/blobs/ab/${SHA}`).ok).toBe(false);
    expect(parseAppUrl('app://media/project.db').ok).toBe(false);
    expect(parseAppUrl('not a url').ok).toBe(false);
  });
});

describe('resolveAppFile', () => {
  it('serves renderer files with their content type', async () => {
    const index = await resolveAppFile('app://studio/', roots);
    expect(index).toMatchObject({ ok: true, kind: 'renderer', contentType: 'text/html; charset=utf-8' });
    const wasm = await resolveAppFile('app://studio/assets/tfjs-backend-wasm.wasm', roots);
    expect(wasm).toMatchObject({ ok: true, contentType: 'application/wasm' });
  });

  it('falls back to index.html for page routes but not for missing files', async () => {
    expect(await resolveAppFile('app://studio/decks/3', roots)).toMatchObject({ ok: true, kind: 'renderer' });
    expect(await resolveAppFile('app://studio/assets/missing.js', roots)).toMatchObject({ ok: false, status: 404 });
  });

  it('serves thumbnails and originals of the open project', async () => {
    const thumb = await resolveAppFile(`app://media/thumbs/${SHA}.webp`, roots);
    expect(thumb).toMatchObject({ ok: true, kind: 'thumb', contentType: 'image/webp' });
    if (thumb.ok) expect(fs.readFileSync(thumb.file, 'utf8')).toBe('RIFF....WEBP');
    const blob = await resolveAppFile(`app://media/blobs/${SHA}`, roots);
    expect(blob).toMatchObject({ ok: true, kind: 'blob' });
  });

  it('serves no media when no project is open', async () => {
    const result = await resolveAppFile(`app://media/blobs/${SHA}`, { ...roots, projectDir: null });
    expect(result).toMatchObject({ ok: false, status: 404 });
  });

  it('refuses a symlink inside the project that leads outside it', async () => {
    expect(fs.readFileSync(path.join(roots.projectDir!, 'blobs', 'cd', OTHER_SHA), 'utf8')).toBe('private');
    const result = await resolveAppFile(`app://media/blobs/${OTHER_SHA}`, roots);
    expect(result.ok).toBe(false);
  });

  it('refuses a symlinked folder inside the renderer that leads outside it', async () => {
    expect(fs.existsSync(path.join(roots.rendererDir, 'escape', 'secret.txt'))).toBe(true);
    const result = await resolveAppFile('app://studio/escape/secret.txt', roots);
    expect(result.ok).toBe(false);
  });

  it('never serves anything outside the renderer, whatever the URL spelling', async () => {
    for (const url of [
      'app://studio/../secret.txt',
      'app://studio/%2e%2e/%2e%2e/secret.txt',
      'app://studio/..%2F..%2Fsecret.txt',
      'app://studio/assets/../../../secret.txt',
      'app://studio//' + secretFile,
      'app://studio/escape',
    ]) {
      const result = await resolveAppFile(url, roots);
      if (result.ok) {
        // Dot segments are removed by URL parsing: the result must still be a renderer file.
        expect(result.file.startsWith(fs.realpathSync(roots.rendererDir) + path.sep), url).toBe(true);
        expect(fs.readFileSync(result.file, 'utf8'), url).not.toBe('private');
      }
    }
  });

  it('does not serve the database or other project files', async () => {
    expect((await resolveAppFile('app://media/project.db', roots)).ok).toBe(false);
    expect((await resolveAppFile('app://studio/media/project.db', roots)).ok).toBe(false);
  });
});
