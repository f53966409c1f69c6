import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveModel } from '../../shared/api/training';
import { fruitDeck, trainDeck } from '../../test-support/train-deck';
import { testCore, type TestCore } from '../../test-support/test-core';
import { resolveBaseModelFile } from './base-model-files';
import { PhoneServer } from './phone-server';
import { judgeLiveModelResponse } from '../../renderer/phone/deck-gone';

/** GET with a chosen Host header (fetch will not let a test set one), and any other headers. */
function get(
  port: number,
  pathname: string,
  host = `localhost:${port}`,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathname, headers: { ...headers, Host: host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

describe('the phone page server', () => {
  let t: TestCore;
  let server: PhoneServer;
  let port: number;
  let deckId: number;
  let untrainedId: number;
  let rendererDir: string;

  beforeAll(async () => {
    t = await testCore();
    // A stand-in for the renderer build, so this test does not depend on `npm run build`.
    rendererDir = path.join(t.tmp, 'renderer');
    fs.mkdirSync(path.join(rendererDir, 'phone'), { recursive: true });
    fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    fs.writeFileSync(
      path.join(rendererDir, 'phone', 'phone.html'),
      '<!doctype html><title>phone</title><script src="../assets/phone-1.js"></script>',
    );
    fs.writeFileSync(path.join(rendererDir, 'assets', 'phone-1.js'), 'console.log(1)');
    fs.writeFileSync(path.join(rendererDir, 'phone-sw.js'), 'self.addEventListener("fetch", () => {})');
    fs.writeFileSync(path.join(rendererDir, 'secret.txt'), 'not for phones');
    deckId = await fruitDeck(t.core, 'Fruits', 4, ['Apple', 'Orange']);
    await trainDeck(t.core, deckId);
    untrainedId = (await t.core.api.createDeck({ name: 'Empty' })).id;
    server = new PhoneServer(t.core.context, { rendererDir });
    port = await server.ensure(0);
  });

  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  it('serves the page at /phone/<deck> with a policy that allows the camera, and one address per deck', async () => {
    const page = await get(port, `/phone/${deckId}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("media-src 'self' blob: mediastream:");
    expect(page.headers['permissions-policy']).toContain('camera=(self)');
    const slash = await get(port, `/phone/${deckId}/`);
    expect(slash.status).toBe(301);
    expect(slash.headers.location).toBe(`/phone/${deckId}`);
    expect((await get(port, '/assets/phone-1.js')).headers['cache-control']).toContain('immutable');
    expect((await get(port, '/phone-sw.js')).status).toBe(200);
  });

  it("serves the deck's live model: head, labels and words in every language", async () => {
    const res = await get(port, `/phone/${deckId}/live-model.json`);
    expect(res.status).toBe(200);
    const live = JSON.parse(res.body.toString()) as LiveModel;
    expect(live.labels).toEqual(['Apple', 'Orange']);
    expect(live.words.Apple.fr).toBe('pomme');
    expect(live.languages).toEqual(['en', 'fr', 'es']);
    expect(live.baseModelUrl).toBe('/base-models/mobilenet_v1_0.25_224/model.json');
    // The page fetches the base model from the same server.
    const model = await get(port, live.baseModelUrl);
    expect(model.status).toBe(200);
    const shard = (JSON.parse(model.body.toString()) as { weightsManifest: { paths: string[] }[] }).weightsManifest[0].paths[0];
    expect((await get(port, `/base-models/mobilenet_v1_0.25_224/${shard}`)).status).toBe(200);
  });

  it('answers a phone that already holds the live model "unchanged", without sending it again, until the deck changes', async () => {
    const live = `/phone/${deckId}/live-model.json`;
    const first = await get(port, live);
    const tag = first.headers.etag;
    expect(tag).toMatch(/^"[\w-]+"$/);
    const same = await get(port, live, undefined, { 'If-None-Match': tag! });
    expect(same.status).toBe(304);
    expect(same.body.length).toBe(0);
    // A list of tags, or the weak form a proxy may send, counts too.
    expect((await get(port, live, undefined, { 'If-None-Match': `"other", W/${tag}` })).status).toBe(304);
    expect((await get(port, live, undefined, { 'If-None-Match': '"other"' })).status).toBe(200);
    // A word changed in the studio: the phone gets the whole model again, with a new tag.
    const apple = (await t.core.api.listClasses({ deckId })).find((c) => c.key === 'Apple')!;
    await t.core.api.updateClass({ classId: apple.id, words: { fr: 'pomme rouge' } });
    try {
      const changed = await get(port, live, undefined, { 'If-None-Match': tag! });
      expect(changed.status).toBe(200);
      expect((JSON.parse(changed.body.toString()) as LiveModel).words.Apple.fr).toBe('pomme rouge');
      expect(changed.headers.etag).not.toBe(tag);
    } finally {
      await t.core.api.updateClass({ classId: apple.id, words: { fr: 'pomme' } });
    }
  });

  it('answers in words when the deck is missing or untrained', async () => {
    const missing = await get(port, '/phone/9999/live-model.json');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString()).error.code).toBe('DECK_NOT_FOUND');
    const untrained = JSON.parse((await get(port, `/phone/${untrainedId}/live-model.json`)).body.toString());
    expect(untrained.error.code).toBe('NOT_TRAINED');
    expect(untrained.error.fix).toMatch(/Train/);
  });

  it('lets a phone drop a deck only on its own project\'s "no such deck", and keep using its copy otherwise', async () => {
    const at = (pathname: string) => fetch(`http://127.0.0.1:${port}${pathname}`);
    // What the phone keeps of this project's deck (the studio's answer, with its headers).
    const kept = await at(`/phone/${deckId}/live-model.json`);
    const gone = await at('/phone/9999/live-model.json');
    expect(await judgeLiveModelResponse(gone, kept)).toBe('gone');
    // Read without using it up: the page still gets the studio's answer.
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe('DECK_NOT_FOUND');
    expect(await judgeLiveModelResponse(await at(`/phone/${deckId}/live-model.json`), kept)).toBe('as-is');
    expect(await judgeLiveModelResponse(await at(`/phone/${untrainedId}/live-model.json`), kept)).toBe('as-is');
    // Nothing kept: the page shows the studio's answer.
    expect(await judgeLiveModelResponse(await at('/phone/9999/live-model.json'), undefined)).toBe('as-is');
    // A 404 that is not the studio's (another program on the port, a path it does not serve).
    expect(await judgeLiveModelResponse(await at('/phone/9999/other.json'), kept)).toBe('use-kept');
    // A copy kept from a studio that did not name its project: never dropped.
    const unnamed = new Response('{}', { headers: { 'Content-Type': 'application/json' } });
    expect(await judgeLiveModelResponse(await at('/phone/9999/live-model.json'), unnamed)).toBe('use-kept');
    const dir = t.core.context.session.current()!.dir;
    // No project open: the studio cannot tell, the phone keeps every deck and uses its copy.
    await t.core.api.closeProject();
    try {
      const closed = await at(`/phone/${deckId}/live-model.json`);
      expect(closed.status).toBe(503);
      expect(await judgeLiveModelResponse(closed, kept)).toBe('use-kept');
      expect(await judgeLiveModelResponse(await at('/phone/9999/live-model.json'), kept)).toBe('use-kept');
      // Another project open, whose deck numbers mean other decks: it cannot say this phone's deck is gone.
      await t.core.api.createProject({ name: 'Another class', languages: ['en', 'fr'] });
      const other = await at(`/phone/${deckId}/live-model.json`);
      expect(other.status).toBe(404);
      expect(await judgeLiveModelResponse(other, kept)).toBe('use-kept');
      expect(await judgeLiveModelResponse(await at('/phone/9999/live-model.json'), kept)).toBe('use-kept');
    } finally {
      await t.core.api.openProject({ dir });
    }
    // The same project opened again names itself the same way.
    expect(await judgeLiveModelResponse(await at('/phone/9999/live-model.json'), kept)).toBe('gone');
  });

  it('serves nothing else: no other files, no climbing out, no other host names', async () => {
    expect((await get(port, '/secret.txt')).status).toBe(404);
    expect((await get(port, '/assets/..%2Fsecret.txt')).status).toBe(404);
    expect((await get(port, '/base-models/mobilenet_v1_0.25_224/PROVENANCE.md')).status).toBe(404);
    expect((await get(port, '/base-models/..%2F..%2Fetc/passwd')).status).toBe(404);
    expect((await get(port, `/phone/${deckId}`, `evil.example:${port}`)).status).toBe(403);
    expect((await get(port, `/phone/${deckId}`, `127.0.0.1:${port}`)).status).toBe(200);
  });

  it('serves no asset that is a link out of the assets folder', async () => {
    fs.symlinkSync(path.join(rendererDir, 'secret.txt'), path.join(rendererDir, 'assets', 'escape.js'));
    const res = await get(port, '/assets/escape.js');
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('not for phones');
  });

  it('checks base model files the same way for every host', () => {
    const opts = t.core.context.options;
    expect(resolveBaseModelFile('mobilenet_v1_0.25_224', 'model.json', opts)).toMatch(/model\.json$/);
    expect(resolveBaseModelFile('mobilenet_v1_0.25_224', 'PROVENANCE.md', opts)).toBeNull();
    expect(resolveBaseModelFile('..', 'model.json', opts)).toBeNull();
    expect(resolveBaseModelFile('no_such_model', 'model.json', opts)).toBeNull();
  });

  it("shares a port another studio's phone server already holds", async () => {
    const second = new PhoneServer(t.core.context, { rendererDir });
    expect(await second.ensure(port)).toBe(port);
    expect(second.port).toBeNull();
    await second.close();
    expect((await get(port, `/phone/${deckId}`)).status).toBe(200);
  });

  it('says so in words when the port is taken by another program', async () => {
    const blocker = http.createServer((_req, res) => res.end('some other program'));
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const taken = (blocker.address() as net.AddressInfo).port;
    const other = new PhoneServer(t.core.context, { rendererDir });
    await expect(other.ensure(taken)).rejects.toMatchObject({ message: expect.stringContaining(`Port ${taken} is already used`) });
    blocker.closeAllConnections();
    await new Promise<void>((r) => blocker.close(() => r()));
  });
});
