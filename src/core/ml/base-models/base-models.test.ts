import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../../options';
import { ensureBaseModel, importBaseModel } from './base-model-service';
import { listBaseModelInfos, resolveBaseModelDir } from './base-model-locator';
import { FeatureExtractor } from '../features/feature-extractor';
import { SHARED, tempDir } from '../../../test-support/fruit-deck';

const ID = 'mobilenet_v1_0.25_224';
const SHARED_MODELS = path.join(SHARED, 'models');

/** A writable copy of the shared model folder, to damage. */
function copyModel(): { root: string; dir: string } {
  const root = tempDir('magritte-models-');
  const dir = path.join(root, ID);
  fs.mkdirSync(dir);
  for (const f of fs.readdirSync(path.join(SHARED_MODELS, ID))) {
    fs.copyFileSync(path.join(SHARED_MODELS, ID, f), path.join(dir, f));
    fs.chmodSync(path.join(dir, f), 0o644);
  }
  return { root, dir };
}

function options(modelsPath: string[], extra: { modelBaseUrl?: string } = {}) {
  return resolveOptions({ dataDir: tempDir('magritte-data-'), modelsPath, ...extra });
}

describe('base models', () => {
  let server: http.Server;
  let baseUrl: string;
  let requests = 0;

  beforeAll(async () => {
    // Serves ../shared/models as if it were the official host.
    server = http.createServer((req, res) => {
      requests++;
      const file = path.join(SHARED_MODELS, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
      if (!file.startsWith(SHARED_MODELS) || !fs.existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200).end(fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('finds the model on the models path and checks every shard', async () => {
    const opts = options([SHARED_MODELS]);
    const ready = await ensureBaseModel(ID, opts);
    expect(ready.dir).toBe(path.join(SHARED_MODELS, ID));
    expect(resolveBaseModelDir(ID, opts)).toBe(ready.dir);
    const info = listBaseModelInfos(opts).find((m) => m.id === ID);
    expect(info).toMatchObject({ location: 'models-path', featureSize: 256, inputSize: 224, featureLayer: 'conv_pw_13_relu' });
  });

  it('names a missing shard', async () => {
    const { root, dir } = copyModel();
    fs.rmSync(path.join(dir, 'group29-shard1of1'));
    await expect(ensureBaseModel(ID, options([root]))).rejects.toMatchObject({
      code: 'MODEL_INCOMPLETE',
      message: expect.stringContaining('"group29-shard1of1" is missing'),
    });
  });

  it('names a truncated shard, also when loading it directly', async () => {
    const { root, dir } = copyModel();
    const shard = path.join(dir, 'group37-shard1of1');
    fs.truncateSync(shard, 1000);
    const error = { code: 'MODEL_INCOMPLETE', message: expect.stringContaining('"group37-shard1of1" is 261144 bytes short') };
    await expect(ensureBaseModel(ID, options([root]))).rejects.toMatchObject(error);
    await expect(FeatureExtractor.load(dir, listBaseModelInfos(options([root]))[0])).rejects.toMatchObject(error);
  });

  it('downloads into the cache with progress when it is nowhere on this machine, then uses the cache', async () => {
    const opts = options([], { modelBaseUrl: baseUrl });
    expect(listBaseModelInfos(opts)[0].location).toBe('download');
    const progress: number[] = [];
    const ready = await ensureBaseModel(ID, opts, { onProgress: (p) => progress.push(p.bytesDone / p.bytesTotal) });
    expect(ready.dir).toBe(path.join(opts.modelCacheDir, ID));
    expect(progress.length).toBe(55);
    expect(progress.at(-1)).toBe(1);
    const before = requests;
    await ensureBaseModel(ID, opts);
    expect(requests).toBe(before);
    expect(listBaseModelInfos(opts)[0].location).toBe('cache');
    // No temporary download folders are left behind.
    expect(fs.readdirSync(opts.modelCacheDir)).toEqual([ID]);
  });

  it('says it is offline, and how to import a model from a folder, when it cannot download', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const opts = options([], { modelBaseUrl: `http://127.0.0.1:${port}` });
    await expect(ensureBaseModel(ID, opts)).rejects.toMatchObject({
      code: 'MODEL_OFFLINE',
      fix: expect.stringContaining('Import from a folder'),
    });
    expect(fs.readdirSync(opts.modelCacheDir)).toEqual([]);
  });

  it('imports any layers model from a folder with its feature layer name', async () => {
    const { dir } = copyModel();
    const opts = options([]);
    const info = await importBaseModel({ dir, featureLayer: 'conv_pw_12_relu', id: 'my-mobilenet', name: 'My MobileNet' }, opts);
    expect(info).toMatchObject({ id: 'my-mobilenet', source: 'imported', location: 'cache', inputSize: 224, featureSize: 256 });
    expect(listBaseModelInfos(opts).map((m) => m.id)).toEqual([ID, 'my-mobilenet']);
    const ready = await ensureBaseModel('my-mobilenet', opts);
    expect(ready.entry.featureLayer).toBe('conv_pw_12_relu');

    await expect(importBaseModel({ dir, featureLayer: 'no_such_layer', id: 'other' }, opts)).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    await expect(importBaseModel({ dir: path.join(dir, 'nope'), featureLayer: 'x' }, opts)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    // A folder named like a built-in model cannot replace it with another network.
    await expect(importBaseModel({ dir, featureLayer: 'conv_pw_12_relu' }, opts)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('installs a copy of a built-in model from a folder, the way back when the machine is offline', async () => {
    const { dir } = copyModel();
    const opts = options([], { modelBaseUrl: 'http://127.0.0.1:9' });
    const info = await importBaseModel({ dir, featureLayer: 'conv_pw_13_relu' }, opts);
    expect(info).toMatchObject({ id: ID, source: 'builtin', location: 'cache' });
    const ready = await ensureBaseModel(ID, opts);
    expect(ready.dir).toBe(path.join(opts.modelCacheDir, ID));
  });
});
