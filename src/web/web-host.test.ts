import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Envelope } from '../shared/envelope';
import type { ImportReport, ImportSource } from '../shared/domain';
import { FRUITS, tempDir } from '../test-support/test-core';
import { createStudioCore, type StudioCore } from '../core/index';
import { startWebHost, type WebHost } from './web-host';
import { sessionCookieName } from './session';

let tmp: string;
let core: StudioCore;
let host: WebHost;
let origin: string;
/** The Cookie header the entry address hands out. */
let session: string;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A raw request, so tests can set Host and Origin as a hostile page or a rebinding DNS name would.
 * It carries the session cookie unless `cookie` is given (empty: none, as another program would).
 */
function request(method: string, urlPath: string, headers: Record<string, string> = {}, body?: Buffer): Promise<Reply> {
  const all: Record<string, string> = { host: `127.0.0.1:${host.port}`, cookie: session, ...headers };
  if (all.cookie === '') delete all.cookie;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, method, path: urlPath, headers: all }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function connect(headers: Record<string, string> = { origin, cookie: session }): Promise<WebSocket> {
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
  session = `${sessionCookieName(host.port)}=${host.token}`;
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
    await expect(connect({ origin: 'http://evil.example', cookie: session })).rejects.toThrow(/403/);
    await expect(connect({ origin, cookie: session, host: `rebound.example:${host.port}` })).rejects.toThrow(/403/);
  });

  it('uploads dropped files, imports them over the WebSocket and then deletes the staged copies', async () => {
    const ws = await connect();
    const events = collectEvents(ws);
    const created = await call(ws, 1, 'createProject', { name: 'Web', languages: ['en', 'fr'] });
    expect(created.kind).toBe('reply');
    const deck = (await call(ws, 2, 'createDeck', { name: 'Fruits' })).payload as { id: number };

    const apple = path.join(FRUITS, 'Apple', fs.readdirSync(path.join(FRUITS, 'Apple')).sort()[0]);
    const batch = '4f9a3c1e-0000-4000-8000-000000000001';
    const up = await request(
      'PUT',
      `/upload/${batch}`,
      { 'x-magritte-upload': '1', 'x-relative-path': encodeURIComponent('Apple/a.jpg'), origin },
      fs.readFileSync(apple),
    );
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

  it('deletes the staged copies of photos the Test tab or "Try a photo" sent as soon as the core answers', async () => {
    const ws = await connect();
    expect((await call(ws, 1, 'createProject', { name: 'Tried', languages: ['en', 'fr'] })).kind).toBe('reply');
    const deck = (await call(ws, 5, 'createDeck', { name: 'Tried' })).payload as { id: number };
    expect(deck.id).toBeGreaterThan(0);
    const batch = '4f9a3c1e-0000-4000-8000-000000000004';
    const apple = path.join(FRUITS, 'Apple', fs.readdirSync(path.join(FRUITS, 'Apple')).sort()[1]);
    const up = await request(
      'PUT',
      `/upload/${batch}`,
      { 'x-magritte-upload': '1', 'x-relative-path': encodeURIComponent('a.jpg'), origin },
      fs.readFileSync(apple),
    );
    const source = JSON.parse(up.body.toString()) as ImportSource;
    expect(fs.existsSync(source.path)).toBe(true);
    // The deck has no trained model: the core says so, and the copy goes all the same.
    const answer = await call(ws, 2, 'prepareTestPhotos', { deckId: deck.id, sources: [source] });
    expect(answer).toMatchObject({ kind: 'error', payload: { code: 'NOT_TRAINED' } });
    expect(fs.existsSync(path.join(tmp, 'data', 'staging', batch))).toBe(false);
    ws.close();
  });

  it('refuses bad photo ids, unsafe upload paths and uploads without its header', async () => {
    expect((await request('GET', '/media/blobs/..%2F..%2Fproject.db')).status).toBe(400);
    expect((await request('GET', `/media/thumbs/${'a'.repeat(64)}`)).status).toBe(400);
    expect((await request('GET', `/media/blobs/${'a'.repeat(64)}`)).status).toBe(404);
    const batch = '4f9a3c1e-0000-4000-8000-000000000002';
    const evil = await request(
      'PUT',
      `/upload/${batch}`,
      { 'x-magritte-upload': '1', 'x-relative-path': encodeURIComponent('../../escape.jpg') },
      Buffer.from('x'),
    );
    expect(evil.status).toBe(400);
    expect(JSON.parse(evil.body.toString()).error.code).toBe('INVALID_ARGUMENT');
    expect((await request('PUT', `/upload/${batch}`, { 'x-relative-path': 'a.jpg' }, Buffer.from('x'))).status).toBe(405);
    expect(fs.existsSync(path.join(tmp, 'escape.jpg'))).toBe(false);
  });
});

describe('browser host session', () => {
  it('swaps the printed address for a cookie and sends the page on without the secret', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const entry = await request('GET', `/?token=${host.token}`, { cookie: '' });
    expect(entry.status).toBe(303);
    expect(entry.headers.location).toBe('/');
    const cookie = entry.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toContain(`${sessionCookieName(host.port)}=${host.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    // The cookie it handed out opens the studio.
    const page = await request('GET', '/', { cookie: cookie.split(';')[0] });
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('Magritte Studio');
  });

  it('answers 403 with a plain message to every request without the secret', async () => {
    const wrong = `${sessionCookieName(host.port)}=${'x'.repeat(43)}`;
    const sha = 'a'.repeat(64);
    const routes: [string, string, Record<string, string>][] = [
      ['GET', '/', {}],
      ['GET', '/deck/1/photos', {}],
      ['GET', '/session', {}],
      ['GET', `/media/blobs/${sha}`, {}],
      ['GET', `/media/thumbs/${sha}.webp`, {}],
      ['GET', '/base-models/mobilenet-v1-0.25-224/model.json', {}],
      ['GET', '/exports/a/b.zip', {}],
      ['PUT', '/upload/4f9a3c1e-0000-4000-8000-000000000003', { 'x-magritte-upload': '1', 'x-relative-path': 'a.jpg', origin }],
      ['DELETE', '/upload/4f9a3c1e-0000-4000-8000-000000000003', { 'x-magritte-upload': '1', origin }],
    ];
    for (const [method, p, headers] of routes) {
      for (const cookie of ['', wrong, `magritte-session-1=${host.token}`]) {
        const res = await request(method, p, { ...headers, cookie }, method === 'PUT' ? Buffer.from('x') : undefined);
        expect(res.status, `${method} ${p} with cookie "${cookie}"`).toBe(403);
        expect(res.body.toString()).toContain(`the address it printed when it started (http://127.0.0.1:${host.port}/?token=...)`);
      }
    }
    // A stale or mistyped entry address is no key either.
    expect((await request('GET', `/?token=${'y'.repeat(43)}`, { cookie: '' })).status).toBe(403);
    expect((await request('GET', '/session')).status).toBe(204);
    expect(fs.existsSync(path.join(tmp, 'data', 'staging', '4f9a3c1e-0000-4000-8000-000000000003'))).toBe(false);
  });

  it('refuses the WebSocket upgrade without the secret, with or without an Origin', async () => {
    await expect(connect({})).rejects.toThrow(/403/);
    await expect(connect({ origin })).rejects.toThrow(/403/);
    await expect(connect({ origin, cookie: `${sessionCookieName(host.port)}=${'x'.repeat(43)}` })).rejects.toThrow(/403/);
    // A program holding the secret needs no Origin.
    const ws = await connect({ cookie: session });
    const info = await call(ws, 1, 'getAppInfo', null);
    expect(info.kind).toBe('reply');
    ws.close();
  });
});
