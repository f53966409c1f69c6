/**
 * Hostile base models: a model.json from a USB stick or a download server names weight files
 * "../../../victim.bin", "/abs/path" or a link out of its folder. Each must be refused naming the
 * entry, and a file outside, made before the test, must be byte-identical after.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../../options';
import { resolveBaseModelFile } from '../../phone-page/base-model-files';
import { ensureBaseModel, importBaseModel } from './base-model-service';
import { SHARED, tempDir } from '../../../test-support/fruit-deck';

const ID = 'mobilenet_v1_0.25_224';
const SOURCE = path.join(SHARED, 'models', ID);
const SHARD = 'group1-shard1of1';
const VICTIM_TEXT = "export PATH=$HOME/bin:$PATH # the teacher's own file\n";

interface Layout {
  root: string;
  /** Where the studio keeps its data; the model cache is `<dataDir>/models`. */
  dataDir: string;
  /** The model folder on the "USB stick", a writable copy of the shared model. */
  model: string;
  /** The teacher's file that an unchecked "../../../victim.bin" would overwrite. */
  victim: string;
}

/**
 * root/home/data/models/.import-x/../../../victim.bin is root/home/victim.bin (the victim), and
 * root/usb/a/model/../../../victim.bin is root/victim.bin (the bytes the attacker brings): an
 * unchecked import reads the second and writes it over the first.
 */
function layout(): Layout {
  const root = tempDir('magritte-hostile-model-');
  const model = path.join(root, 'usb', 'a', 'model');
  fs.mkdirSync(model, { recursive: true });
  for (const f of fs.readdirSync(SOURCE)) fs.copyFileSync(path.join(SOURCE, f), path.join(model, f));
  for (const f of fs.readdirSync(model)) fs.chmodSync(path.join(model, f), 0o644);
  fs.mkdirSync(path.join(root, 'home', 'data'), { recursive: true });
  const victim = path.join(root, 'home', 'victim.bin');
  fs.writeFileSync(victim, VICTIM_TEXT);
  fs.copyFileSync(path.join(SOURCE, SHARD), path.join(root, 'victim.bin'));
  return { root, dataDir: path.join(root, 'home', 'data'), model, victim };
}

/** Rewrites the first weight group's path in model.json. */
function renameShard(modelJson: string, to: string): void {
  const json = JSON.parse(fs.readFileSync(modelJson, 'utf8')) as { weightsManifest: { paths: string[] }[] };
  expect(json.weightsManifest[0].paths).toEqual([SHARD]);
  json.weightsManifest[0].paths = [to];
  fs.writeFileSync(modelJson, JSON.stringify(json));
}

function expectUntouched(l: Layout): void {
  expect(fs.readFileSync(l.victim, 'utf8')).toBe(VICTIM_TEXT);
  expect(fs.readdirSync(path.join(l.root, 'home')).sort()).toEqual(['data', 'victim.bin']);
}

describe('importing a hostile base model from a folder', () => {
  it('refuses a weight path that climbs out of the folder, naming it, and writes nothing outside', async () => {
    const l = layout();
    renameShard(path.join(l.model, 'model.json'), '../../../victim.bin');
    const opts = resolveOptions({ dataDir: l.dataDir, modelsPath: [] });
    await expect(importBaseModel({ dir: l.model, featureLayer: 'conv_pw_13_relu', id: 'usb-model' }, opts)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('"../../../victim.bin"'),
    });
    expectUntouched(l);
    expect(fs.existsSync(path.join(opts.modelCacheDir, 'usb-model'))).toBe(false);
  });

  it('refuses an absolute weight path, naming it', async () => {
    const l = layout();
    renameShard(path.join(l.model, 'model.json'), l.victim);
    const opts = resolveOptions({ dataDir: l.dataDir, modelsPath: [] });
    await expect(importBaseModel({ dir: l.model, featureLayer: 'conv_pw_13_relu', id: 'usb-model' }, opts)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining(`"${l.victim}"`),
    });
    expectUntouched(l);
  });

  it('refuses a weight file that is a link out of the folder, naming it, and copies nothing from it', async () => {
    const l = layout();
    // A secret of the right size, so that only the link check stands between it and the cache.
    const secret = path.join(l.root, 'victim.bin');
    const before = fs.readFileSync(secret);
    fs.rmSync(path.join(l.model, SHARD));
    fs.symlinkSync(secret, path.join(l.model, SHARD));
    const opts = resolveOptions({ dataDir: l.dataDir, modelsPath: [] });
    await expect(importBaseModel({ dir: l.model, featureLayer: 'conv_pw_13_relu', id: 'usb-model' }, opts)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining(`"${SHARD}"`),
    });
    expect(fs.readFileSync(secret).equals(before)).toBe(true);
    expect(fs.existsSync(path.join(opts.modelCacheDir, 'usb-model'))).toBe(false);
    expectUntouched(l);
  });

  it('refuses a model.json that is a link out of the folder', async () => {
    const l = layout();
    const elsewhere = path.join(l.root, 'elsewhere.json');
    fs.renameSync(path.join(l.model, 'model.json'), elsewhere);
    fs.symlinkSync(elsewhere, path.join(l.model, 'model.json'));
    const opts = resolveOptions({ dataDir: l.dataDir, modelsPath: [] });
    await expect(importBaseModel({ dir: l.model, featureLayer: 'conv_pw_13_relu', id: 'usb-model' }, opts)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('"model.json"'),
    });
  });

  it('still imports a model whose weight file links to a file beside it, as real files in the cache', async () => {
    const l = layout();
    fs.renameSync(path.join(l.model, SHARD), path.join(l.model, 'real-shard'));
    fs.symlinkSync('real-shard', path.join(l.model, SHARD));
    const opts = resolveOptions({ dataDir: l.dataDir, modelsPath: [] });
    const info = await importBaseModel({ dir: l.model, featureLayer: 'conv_pw_13_relu', id: 'usb-model' }, opts);
    const copied = path.join(info.dir ?? '', SHARD);
    expect(fs.lstatSync(copied).isFile()).toBe(true);
    expect(fs.readFileSync(copied).equals(fs.readFileSync(path.join(SOURCE, SHARD)))).toBe(true);
  });
});

describe('downloading a hostile base model', () => {
  let server: http.Server;
  let baseUrl: string;
  /** What the "official" server's model.json lists as the first group's path. */
  let firstPath = SHARD;
  const served: string[] = [];

  beforeAll(async () => {
    // Serves the real model, but with a model.json naming `firstPath`; any other path gets the shard bytes.
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      served.push(url.pathname);
      if (url.pathname.endsWith('/model.json')) {
        const json = JSON.parse(fs.readFileSync(path.join(SOURCE, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
        json.weightsManifest[0].paths = [firstPath];
        res.writeHead(200).end(JSON.stringify(json));
        return;
      }
      const name = path.basename(url.pathname);
      const file = path.join(SOURCE, fs.existsSync(path.join(SOURCE, name)) ? name : SHARD);
      res.writeHead(200).end(fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // The download folder is <dataDir>/models/.download-x, so three steps up is root/home/victim.bin.
  for (const hostile of ['../../../victim.bin', 'ABSOLUTE']) {
    it(`refuses a weight path ${hostile === 'ABSOLUTE' ? 'that is absolute' : 'that climbs out'} before fetching or writing anything`, async () => {
      const l = layout();
      firstPath = hostile === 'ABSOLUTE' ? l.victim : hostile;
      served.length = 0;
      const opts = resolveOptions({ dataDir: l.dataDir, modelsPath: [], modelBaseUrl: baseUrl });
      await expect(ensureBaseModel(ID, opts)).rejects.toMatchObject({
        code: 'MODEL_INVALID',
        message: expect.stringContaining(`"${firstPath}"`),
      });
      expect(served).toEqual([`/${ID}/model.json`]);
      expectUntouched(l);
      expect(fs.readdirSync(opts.modelCacheDir)).toEqual([]);
    });
  }
});

describe('serving a base model to the window and the phone page', () => {
  it('serves no weight file that is a link out of the model folder, nor a listed path that climbs out', () => {
    const l = layout();
    const modelsPath = path.dirname(l.model);
    const id = path.basename(l.model);
    const options = { modelCacheDir: path.join(l.dataDir, 'models'), modelsPath: [modelsPath] };
    expect(resolveBaseModelFile(id, SHARD, options)).toBe(fs.realpathSync(path.join(l.model, SHARD)));

    fs.rmSync(path.join(l.model, SHARD));
    fs.symlinkSync(l.victim, path.join(l.model, SHARD));
    expect(resolveBaseModelFile(id, SHARD, options)).toBeNull();

    renameShard(path.join(l.model, 'model.json'), '../../../victim.bin');
    expect(resolveBaseModelFile(id, '../../../victim.bin', options)).toBeNull();
    expect(resolveBaseModelFile(id, 'model.json', options)).toBe(fs.realpathSync(path.join(l.model, 'model.json')));
  });
});
