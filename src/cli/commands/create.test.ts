import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudioCore } from '../../core/index';
import { SHARED, tempDir } from '../../test-support/test-core';
import { cliRunner } from '../../test-support/cli-runner';

const MOBILENET = path.join(SHARED, 'models/mobilenet_v1_0.25_224');

describe('magritte create --base', () => {
  let tmp: string;
  const options = () => ({ dataDir: path.join(tmp, 'data'), projectsDir: tmp, modelsPath: [] });
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const cli = cliRunner(options);

  async function projectBaseModels(dir: string): Promise<{ project: string; deck: string }> {
    const core = createStudioCore(options());
    try {
      await core.api.openProject({ dir });
      const deck = await core.api.createDeck({ name: 'Fruits' });
      return {
        project: (await core.api.getTrainingConfig({})).baseModelId,
        deck: (await core.api.getTrainingConfig({ deckId: deck.id })).baseModelId,
      };
    } finally {
      await core.close();
    }
  }

  it('refuses an unknown id, listing the known ones, and creates nothing', async () => {
    const dir = path.join(tmp, 'Typo.magritte');
    const res = await cli('create', dir, '--name', 'Typo', '--langs', 'en,fr', '--base', 'mobilenet_v9');
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/^Error: The studio does not know a base model called "mobilenet_v9"\./);
    expect(res.err).toMatch(/ Fix: Use one of: mobilenet_v1_0\.25_224\b/);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('makes a built-in or imported base model the default of every deck', async () => {
    const plain = path.join(tmp, 'Plain.magritte');
    const made = await cli('create', plain, '--name', 'Plain', '--langs', 'en,fr,es', '--base', 'mobilenet_v1_0.25_224');
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/base model: mobilenet_v1_0\.25_224\)/);

    // An imported model is known to listBaseModels too, so --base accepts it.
    const core = createStudioCore(options());
    try {
      await core.api.importBaseModel({ dir: MOBILENET, featureLayer: 'conv_pw_13_relu', id: 'class_net', name: 'Class net' });
    } finally {
      await core.close();
    }
    const dir = path.join(tmp, 'Imported.magritte');
    const res = await cli('create', dir, '--name', 'Imported', '--langs', 'en,fr,es', '--base', 'class_net', '--json');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out)).toMatchObject({ name: 'Imported', baseModelId: 'class_net' });
    expect(await projectBaseModels(dir)).toEqual({ project: 'class_net', deck: 'class_net' });
    expect(await projectBaseModels(plain)).toEqual({ project: 'mobilenet_v1_0.25_224', deck: 'mobilenet_v1_0.25_224' });
  });
});
