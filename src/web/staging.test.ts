/** Uploads into the browser host's staging folder, over plain HTTP: caps and bad headers. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioErrorPayload } from '../shared/errors';
import { tempDir } from '../test-support/test-core';
import { Staging } from './staging';

let tmp: string;
let staging: Staging;
let server: http.Server;
let port: number;

beforeAll(async () => {
  tmp = tempDir('magritte-staging-');
  // Small caps so the test sends kilobytes, not gigabytes: 1000 bytes a file, 2500 an import.
  staging = new Staging(path.join(tmp, 'staging'), { maxFileBytes: 1000, maxBatchBytes: 2500 });
  server = http.createServer((req, res) => void staging.handleUpload(req, res, (req.url ?? '').split('/')[2] ?? ''));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  staging.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** PUTs `size` bytes; `chunked` sends no Content-Length, so only counting the stream can stop it. */
function upload(
  batch: string,
  relativePath: string,
  size: number,
  chunked = false,
): Promise<{ status: number; body: { error?: StudioErrorPayload; path?: string } }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'x-relative-path': relativePath };
    if (!chunked) headers['content-length'] = String(size);
    const req = http.request({ host: '127.0.0.1', port, method: 'PUT', path: `/upload/${batch}`, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { error?: StudioErrorPayload } }));
    });
    req.on('error', reject);
    if (chunked) {
      // Several writes, as a browser streams a file.
      for (let sent = 0; sent < size; sent += 300) req.write(Buffer.alloc(Math.min(300, size - sent), 7));
      req.end();
    } else req.end(Buffer.alloc(size, 7));
  });
}

function filesIn(batch: string): number {
  const dir = path.join(tmp, 'staging', batch);
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0;
}

describe('staging uploads', () => {
  it('accepts photos, then refuses the one that takes an import over its total cap with 413 and a plain message', async () => {
    const batch = randomUUID();
    expect((await upload(batch, 'Apple/1.jpg', 900)).status).toBe(200);
    expect((await upload(batch, 'Apple/2.jpg', 900)).status).toBe(200);
    const third = await upload(batch, 'Apple/3.jpg', 900);
    expect(third.status).toBe(413);
    expect(third.body.error).toMatchObject({
      code: 'IMPORT_TOO_LARGE',
      message: 'These photos add up to more than 2 KB, more than the studio takes in one go.',
      fix: 'Add them in smaller groups, for example one class folder at a time.',
    });
    expect(filesIn(batch)).toBe(2);
    // Another import starts from zero.
    expect((await upload(randomUUID(), 'Pear/1.jpg', 900)).status).toBe(200);
  });

  it('counts the bytes as they arrive, so an upload without a declared length cannot pass the cap', async () => {
    const batch = randomUUID();
    expect((await upload(batch, 'a.jpg', 900, true)).status).toBe(200);
    expect((await upload(batch, 'b.jpg', 900, true)).status).toBe(200);
    const third = await upload(batch, 'c.jpg', 900, true);
    expect(third.status).toBe(413);
    expect(third.body.error?.code).toBe('IMPORT_TOO_LARGE');
    expect(filesIn(batch)).toBe(2);
    // The refused file's bytes were given back: a small one still fits.
    expect((await upload(batch, 'd.jpg', 500, true)).status).toBe(200);
  });

  it('refuses one file over the per-file cap with 413', async () => {
    for (const chunked of [false, true]) {
      const res = await upload(randomUUID(), 'huge.jpg', 1200, chunked);
      expect(res.status).toBe(413);
      expect(res.body.error).toMatchObject({ code: 'IMAGE_TOO_LARGE', message: '"huge.jpg" is far too large to be a photo.' });
    }
  });

  it('answers 400, not 500, to a malformed or climbing x-relative-path', async () => {
    for (const bad of ['%E0%A4%A', '%', '..%2F..%2Fetc%2Fpasswd', '']) {
      const res = await upload(randomUUID(), bad, 10);
      expect(res.status, bad).toBe(400);
      expect(res.body.error?.code, bad).toBe('INVALID_ARGUMENT');
    }
  });
});
