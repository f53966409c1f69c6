import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED, tempDir } from '../test-support/test-core';
import { createBaseModelHandler } from './base-models';

const ID = 'mobilenet_v1_0.25_224';
let server: http.Server;
let base: string;

beforeAll(async () => {
  const handler = createBaseModelHandler({
    modelCacheDir: path.join(tempDir('magritte-models-'), 'models'),
    modelsPath: [path.join(SHARED, 'models')],
  });
  server = http.createServer((req, res) => void handler(req, res, new URL(req.url ?? '/', 'http://x').pathname));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('GET /base-models/<id>/<file>', () => {
  it('serves model.json and its weight files, byte for byte', async () => {
    const json = await fetch(`${base}/base-models/${ID}/model.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json');
    const manifest = (await json.json()) as { weightsManifest: { paths: string[] }[] };
    const shard = manifest.weightsManifest[0].paths[0];
    const res = await fetch(`${base}/base-models/${ID}/${shard}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(fs.readFileSync(path.join(SHARED, 'models', ID, shard)))).toBe(true);
  });

  it('refuses other files of the folder, paths out of it and unknown models', async () => {
    for (const p of [`${ID}/PROVENANCE.md`, `${ID}/..%2F..%2Fdata%2Ffruits%2FREADME.md`, '..%2Fdata/model.json', 'no_such_model/model.json']) {
      expect((await fetch(`${base}/base-models/${p}`)).status, p).toBe(404);
    }
  });
});
