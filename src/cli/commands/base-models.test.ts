import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BaseModelInfo } from '../../shared/api/training';
import { SHARED, tempDir } from '../../test-support/test-core';
import { cliRunner } from '../../test-support/cli-runner';

const ID = 'mobilenet_v1_0.25_224';
const SHARED_MODELS = path.join(SHARED, 'models');

describe('magritte base-models', () => {
  let tmp: string;
  let usb: string;
  beforeAll(() => {
    tmp = tempDir();
    // A model folder as it would come on a USB stick: a writable copy of the real MobileNet.
    usb = path.join(tmp, 'usb', 'my-net');
    fs.mkdirSync(usb, { recursive: true });
    for (const f of fs.readdirSync(path.join(SHARED_MODELS, ID))) {
      fs.copyFileSync(path.join(SHARED_MODELS, ID, f), path.join(usb, f));
      fs.chmodSync(path.join(usb, f), 0o644);
    }
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const cli = cliRunner(() => ({ dataDir: path.join(tmp, 'data'), projectsDir: tmp, modelsPath: [SHARED_MODELS] }));

  it('explains itself with --help', async () => {
    const help = await cli('base-models', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: magritte base-models list [--json]');
    expect(help.out).toContain('base-models import <folder> --feature-layer NAME');
    // The list of every command names it too.
    expect((await cli('--help')).out).toContain('base-models list');
  });

  it('lists the built-in model found on the models path, in words and as JSON', async () => {
    const text = await cli('base-models', 'list');
    expect(text.code).toBe(0);
    expect(text.out).toContain(`${ID}: `);
    expect(text.out).toContain('on this computer');
    expect(text.out).toContain('224 × 224 px photos and gives 256 features each (layer conv_pw_13_relu)');

    const json = await cli('base-models', 'list', '--json');
    const models = JSON.parse(json.out) as BaseModelInfo[];
    expect(models.map((m) => m.id)).toEqual([ID]);
    expect(models[0]).toMatchObject({ source: 'builtin', location: 'models-path', dir: path.join(SHARED_MODELS, ID) });
  });

  it('imports a model from a folder with its feature layer, then lists it', async () => {
    const imported = await cli('base-models', 'import', usb, '--feature-layer', 'conv_pw_12_relu', '--id', 'usb-net', '--json');
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    const info = JSON.parse(imported.out) as BaseModelInfo;
    expect(info).toMatchObject({
      id: 'usb-net',
      source: 'imported',
      location: 'cache',
      featureLayer: 'conv_pw_12_relu',
      inputSize: 224,
      featureSize: 256,
    });
    expect(fs.existsSync(path.join(tmp, 'data', 'models', 'usb-net', 'model.json'))).toBe(true);

    const text = await cli('base-models', 'list');
    expect(text.out).toMatch(/usb-net: usb-net \(imported, on this computer\)/);
  });

  it('says what is missing or wrong, in one message and a fix, without a stack trace', async () => {
    const noLayer = await cli('base-models', 'import', usb);
    expect(noLayer.code).toBe(1);
    expect(noLayer.err).toContain('Fix: Add --feature-layer NAME');

    const badLayer = await cli('base-models', 'import', usb, '--feature-layer', 'no_such_layer', '--id', 'x');
    expect(badLayer.code).toBe(1);
    expect(badLayer.err).toMatch(/^Error: The base model has no layer called "no_such_layer"/);

    const hostile = path.join(tmp, 'usb', 'hostile');
    fs.cpSync(usb, hostile, { recursive: true });
    const json = JSON.parse(fs.readFileSync(path.join(hostile, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
    json.weightsManifest[0].paths = ['../../../.bashrc'];
    fs.writeFileSync(path.join(hostile, 'model.json'), JSON.stringify(json));
    const refused = await cli('base-models', 'import', hostile, '--feature-layer', 'conv_pw_13_relu', '--id', 'hostile');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('"../../../.bashrc"');
    expect(refused.err).not.toMatch(/\n\s+at /);

    const unknown = await cli('base-models', 'remove');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('"remove" is not something base-models can do');
  });
});
