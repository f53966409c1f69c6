import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Envelope } from '../shared/envelope';
import type { ImportReport, ImportSource } from '../shared/domain';
import { FRUITS, tempDir } from '../core/store/test-helpers';
import { createStudioCore, type StudioCore } from '../core/index';
import { startWebHost, type WebHost } from './web-host';

let tmp: string;
let core: StudioCore;
let host: WebHost;
let origin: string;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request, so tests can set Host and Origin as a hostile page or a rebinding DNS name would. */
function request(method: string, urlPath: string, headers: Record<string, string> = {}, body?: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, method, path: urlPath, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function connect(headers: Record<string, string> = { origin }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
  });
}

/** Every event a socket has received. */
function collectEvents(ws: WebSocket): Envelope[] {
  const events: Envelope[] = [];
  ws.on('message', (data: Buffer) => {
    const env = JSON.parse(data.toString()) as Envelope;
    if (env.kind === 'event') events.push(env);
  });
  return events;
}

/** Sends a call and resolves with its reply. */
function call(ws: WebSocket, id: number, name: string, payload: unknown): Promise<Envelope> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const env = JSON.parse(data.toString()) as Envelope;
      if (env.kind !== 'event' && env.id === id) {
        ws.off('message', onMessage);
        resolve(env);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ kind: 'call', id, name, payload }));
  });
}

beforeAll(async () => {
  tmp = tempDir('magritte-web-');
  const rendererDir = path.join(tmp, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Magritte Studio</title>');
  core = createStudioCore({ dataDir: path.join(tmp, 'data'), projectsDir: path.join(tmp, 'projects') });
  host = await startWebHost({ core, rendererDir, port: 0 });
  origin = `http://127.0.0.1:${host.port}`;
});

afterAll(async () => {
  await host.close();
  await core.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('browser host', () => {
  it('serves the UI with the strict CSP, and any unknown path as the app', async () => {
    for (const p of ['/', '/deck/3/photos']) {
      const res = await request('GET', p);
      expect(res.status).toBe(200);
      expect(res.body.toString()).toContain('Magritte Studio');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("connect-src 'self' ws://127.0.0.1:*");
      expect(res.headers['content-security-policy']).toContain("object-src 'none'");
    }
  });

  it('refuses requests naming another host or coming from another site', async () => {
    expect((await request('GET', '/', { host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await request('GET', '/', { origin: 'http://evil.example' })).status).toBe(403);
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connect({ origin, host: `rebound.example:${host.port}` })).rejects.toThrow(/403/);
  });

  it('uploads dropped files, imports them over the WebSocket and then deletes the staged copies', async () => {
    const ws = await connect();
    const events = collectEvents(ws);
    const created = await call(ws, 1, 'createProject', { name: 'Web', languages: ['en', 'fr'] });
    expect(created.kind).toBe('reply');
    const deck = (await call(ws, 2, 'createDeck', { name: 'Fruits' })).payload as { id: number };

    const apple = path.join(FRUITS, 'Apple', fs.readdirSync(path.join(FRUITS, 'Apple')).sort()[0]);
    const batch = '4f9a3c1e-0000-4000-8000-000000000001';
    const up = await request('PUT', `/upload/${batch}`, { 'x-magritte-upload': '1', 'x-relative-path': encodeURIComponent('Apple/a.jpg'), origin }, fs.readFileSync(apple));
    expect(up.status).toBe(200);
    const source = JSON.parse(up.body.toString()) as ImportSource;
    expect(source.relativePath).toBe('Apple/a.jpg');
    expect(fs.existsSync(source.path)).toBe(true);

    const started = await call(ws, 3, 'startImport', { deckId: deck.id, sources: [source] });
    const { jobId } = started.payload as { jobId: string };
    await expect.poll(() => events.some((e) => e.name === 'job.finished' && (e.payload as { jobId: string }).jobId === jobId)).toBe(true);
    const finished = events.find((e) => e.name === 'job.finished')!.payload as { result: ImportReport };
    expect(finished.result.imported).toBe(1);
    expect(finished.result.classesCreated).toEqual(['Apple']);
    await expect.poll(() => fs.existsSync(path.join(tmp, 'data', 'staging', batch))).toBe(false);

    // The photo is served from the open project, by sha only.
    const photos = (await call(ws, 4, 'listPhotos', { deckId: deck.id })).payload as { sha256: string }[];
    const thumb = await request('GET', `/media/thumbs/${photos[0].sha256}.webp`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    const blob = await request('GET', `/media/blobs/${photos[0].sha256}`);
    expect(blob.headers['content-type']).toBe('image/jpeg');
    expect(blob.body.equals(fs.readFileSync(apple))).toBe(true);
    ws.close();
  });

  it('refuses bad photo ids, unsafe upload paths and uploads without its header', async () => {
    expect((await request('GET', '/media/blobs/..%2F..%2Fproject.db')).status).toBe(400);
    expect((await request('GET', `/media/thumbs/${'a'.repeat(64)}`)).status).toBe(400);
    expect((await request('GET', `/media/blobs/${'a'.repeat(64)}`)).status).toBe(404);
    const batch = '4f9a3c1e-0000-4000-8000-000000000002';
    const evil = await request('PUT', `/upload/${batch}`, { 'x-magritte-upload': '1', 'x-relative-path': encodeURIComponent('../../escape.jpg') }, Buffer.from('x'));
    expect(evil.status).toBe(400);
    expect(JSON.parse(evil.body.toString()).error.code).toBe('INVALID_ARGUMENT');
    expect((await request('PUT', `/upload/${batch}`, { 'x-relative-path': 'a.jpg' }, Buffer.from('x'))).status).toBe(405);
    expect(fs.existsSync(path.join(tmp, 'escape.jpg'))).toBe(false);
  });
});
