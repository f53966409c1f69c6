import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from '@playwright/test';
import { startStudioProcess } from './support/studio-process';
import { makeFruitProject } from './support/fruit-deck';

test('setup timing', async () => {
  test.setTimeout(600_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'g-exp-'));
  const t0 = Date.now();
  const studio = await startStudioProcess({ dir, env: {} });
  console.log('host', Date.now() - t0);
  try {
    const fp = await makeFruitProject(studio, { name: 'Phones' });
    console.log('setup', Date.now() - t0, JSON.stringify(fp.deckId));
    console.log(JSON.stringify(await studio.api.listExports({ deckId: fp.deckId }), null, 1).slice(0, 1500));
  } finally {
    await studio.stop();
  }
});
