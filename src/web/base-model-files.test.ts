import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED, tempDir } from '../core/store/test-helpers';
import { resolveBaseModelFile } from './base-model-files';

const options = { modelCacheDir: path.join(tempDir('magritte-models-'), 'models'), modelsPath: [path.join(SHARED, 'models')] };
const ID = 'mobilenet_v1_0.25_224';

describe('base model files for the window', () => {
  it('serves model.json and the shards it lists', async () => {
    const json = await resolveBaseModelFile(`/base-models/${ID}/model.json`, options);
    expect(json).toMatchObject({ ok: true, contentType: 'application/json', file: path.join(SHARED, 'models', ID, 'model.json') });
    const shard = await resolveBaseModelFile(`/base-models/${ID}/group29-shard1of1`, options);
    expect(shard).toMatchObject({ ok: true, contentType: 'application/octet-stream' });
  });

  it('refuses every other file, other folders and unknown models', async () => {
    expect(await resolveBaseModelFile(`/base-models/${ID}/PROVENANCE.md`, options)).toMatchObject({ ok: false, status: 404 });
    expect(await resolveBaseModelFile(`/base-models/${ID}/..%2F..%2Fdata%2Ffruits%2FREADME.md`, options)).toMatchObject({ ok: false, status: 404 });
    expect(await resolveBaseModelFile('/base-models/..%2Fdata/model.json', options)).toMatchObject({ ok: false, status: 400 });
    expect(await resolveBaseModelFile('/base-models/../model.json', options)).toMatchObject({ ok: false, status: 400 });
    expect(await resolveBaseModelFile('/base-models/nope_model/model.json', options)).toMatchObject({ ok: false, status: 404 });
    expect(await resolveBaseModelFile(`/base-models/${ID}/sub/model.json`, options)).toMatchObject({ ok: false, status: 400 });
  });
});
