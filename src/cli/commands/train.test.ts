import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fruitFolder, tempDir } from '../../test-support/fruit-deck';
import { cliRunner } from '../../test-support/cli-runner';

describe('magritte train / evaluate', () => {
  let tmp: string;
  let project: string;
  let trainDir: string;
  let testDir: string;
  beforeAll(() => {
    tmp = tempDir();
    project = path.join(tmp, 'Fruits.magritte');
    trainDir = fruitFolder(0, 25);
    testDir = fruitFolder(25, 40);
  });
  afterAll(() => {
    for (const d of [tmp, trainDir, testDir]) fs.rmSync(d, { recursive: true, force: true });
  });

  const cli = cliRunner(() => ({ dataDir: path.join(tmp, 'data'), projectsDir: tmp }));

  it('trains a deck, printing the backend and the metrics, then evaluates it on unseen photos', async () => {
    expect((await cli('create', project, '--langs', 'en,fr')).code).toBe(0);
    const noDeck = await cli('train', project);
    expect(noDeck.code).toBe(1);
    expect(noDeck.err).toMatch(/no deck yet/);
    expect((await cli('import', project, trainDir, '--deck', 'Fruits')).code).toBe(0);

    const trained = await cli('train', project, '--epochs', '20', '--seed', '3', '--json');
    expect(trained.code).toBe(0);
    expect(trained.err).toMatch(/Backend: wasm/);
    const run = JSON.parse(trained.out) as Record<string, unknown>;
    expect(run).toMatchObject({ deck: 'Fruits', number: 1, backend: 'wasm', stopped: 'completed', valCount: 30, trainCount: 120 });
    expect(run.settings).toMatchObject({ epochs: 20, seed: 3 });
    expect(run.labels).toEqual(['apple', 'beetroot', 'dates', 'mango', 'orange', 'pomegranate']);

    const text = await cli('train', project, '--deck', 'fruits', '--epochs', '5', '--hidden', '0');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/version 2 trained on 120 photos/);
    expect(text.out).toMatch(/Held-out photos recognised: \d+\.\d% of 30/);

    // Class folders match class keys whatever their case.
    fs.renameSync(path.join(testDir, 'apple'), path.join(testDir, 'APPLE'));
    const evaluated = await cli('evaluate', project, testDir, '--deck', 'Fruits', '--version', '1', '--json');
    expect(evaluated.code).toBe(0);
    const report = JSON.parse(evaluated.out) as {
      accuracy: number;
      perClass: Record<string, number>;
      confusion: number[][];
      labels: string[];
      n: number;
    };
    expect(report.n).toBe(90);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(Object.keys(report.perClass)).toEqual(report.labels);
    expect(report.confusion.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([15, 15, 15, 15, 15, 15]);

    const bad = await cli('train', project, '--epochs', 'many');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--epochs needs a number/);
  });
});
