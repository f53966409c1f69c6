/**
 * `/media/` of the browser host over plain HTTP: a project from a colleague may hold a blob or a
 * thumbnail that is a symbolic link to any file on this computer; it must never be served.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHandler, type HandlerServer } from './test-server';
import { SHARED, tempDir } from '../test-support/test-core';
import { blobPath, thumbPath } from '../core/store/paths';
import { createMediaHandler } from './media';

const PHOTO = fs.readFileSync(path.join(SHARED, 'fixtures', 'images', 'exif', 'Landscape_1.jpg'));
const SHA = createHash('sha256').update(PHOTO).digest('hex');
const SECRET = "the teacher's private notes, outside the project\n";

let tmp: string;
let project: string;
let secret: string;
let served: HandlerServer;
let base: string;

/** Writes `link` as a symbolic link to `target`, making its folder first. */
function plantLink(target: string, link: string): void {
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.rmSync(link, { force: true });
  fs.symlinkSync(target, link);
}

beforeAll(async () => {
  tmp = tempDir('magritte-media-');
  project = path.join(tmp, 'Shared.magritte');
  secret = path.join(tmp, 'private-notes.txt');
  fs.writeFileSync(secret, SECRET);
  fs.mkdirSync(path.dirname(blobPath(project, SHA)), { recursive: true });
  fs.writeFileSync(blobPath(project, SHA), PHOTO);
  served = await serveHandler(createMediaHandler(() => project));
  base = served.base;
});
afterAll(async () => {
  await served.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('GET /media/', () => {
  it('serves a photo of the open project, byte for byte', async () => {
    const res = await fetch(`${base}/media/blobs/${SHA}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer()).equals(PHOTO)).toBe(true);
  });

  it('refuses a blob that is a link out of the project', async () => {
    const other = createHash('sha256').update('other').digest('hex');
    plantLink(secret, blobPath(project, other));
    const res = await fetch(`${base}/media/blobs/${other}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('private notes');
    expect(fs.readFileSync(secret, 'utf8')).toBe(SECRET);
  });

  it('refuses a thumbnail that is a link out of the project, and one behind a linked folder', async () => {
    plantLink(secret, thumbPath(project, SHA));
    const res = await fetch(`${base}/media/thumbs/${SHA}.webp`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('private notes');

    // thumbs/ab -> a folder outside holding "<sha>.webp"
    const outsideFolder = path.join(tmp, 'outside-thumbs');
    fs.mkdirSync(outsideFolder);
    fs.copyFileSync(secret, path.join(outsideFolder, `${SHA}.webp`));
    fs.rmSync(path.dirname(thumbPath(project, SHA)), { recursive: true });
    plantLink(outsideFolder, path.dirname(thumbPath(project, SHA)));
    const viaFolder = await fetch(`${base}/media/thumbs/${SHA}.webp`);
    expect(viaFolder.status).toBe(404);
    expect(await viaFolder.text()).not.toContain('private notes');
  });

  it('still serves a blob linked to another file inside the project', async () => {
    const alias = createHash('sha256').update('alias').digest('hex');
    plantLink(blobPath(project, SHA), blobPath(project, alias));
    const res = await fetch(`${base}/media/blobs/${alias}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PHOTO)).toBe(true);
  });
});
