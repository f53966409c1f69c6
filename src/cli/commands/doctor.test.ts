import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/test-core';
import { cliRunner } from '../../test-support/cli-runner';
import { makeFaultyFolder } from '../../test-support/faulty-deck';

interface Printed {
  findings: { kind: string; photos: { id: number; file: string; classKey: string }[]; suggestedClassKey?: string; score: number }[];
}

describe('magritte doctor', () => {
  let tmp: string;
  let project: string;
  let photos: string;
  beforeAll(async () => {
    tmp = tempDir();
    project = path.join(tmp, 'Fruits.magritte');
    photos = path.join(tmp, 'photos');
    // 12 frames of each fruit, a re-encoded copy of one frame each (every other one under the
    // next fruit's word) and a darkened photo each.
    await makeFaultyFolder(photos, { frames: 12, kinds: ['duplicate', 'dark'] });
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const cli = cliRunner(() => ({ dataDir: path.join(tmp, 'data'), projectsDir: tmp }));

  it('prints the findings as JSON in the documented shape, the same photo under two words first', async () => {
    expect((await cli('create', project, '--langs', 'en,fr')).code).toBe(0);
    expect((await cli('import', project, photos, '--deck', 'Fruits')).code).toBe(0);

    const run = await cli('doctor', project, '--deck', 'fruits', '--json');
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.out) as Printed;
    for (const f of printed.findings) {
      expect(Object.keys(f).filter((k) => k !== 'suggestedClassKey')).toEqual(['kind', 'photos', 'score']);
      for (const p of f.photos) expect(Object.keys(p)).toEqual(['id', 'file', 'classKey']);
    }
    const first = printed.findings[0];
    expect(first.kind).toBe('duplicate');
    expect(new Set(first.photos.map((p) => p.classKey)).size).toBe(2);
    // Beetroot's copy went under "dates" (the next fruit): the pair names both words.
    const beet = printed.findings.find((f) => f.photos.some((p) => p.file === 'reencoded-Beetroot.jpg'));
    expect(beet?.kind).toBe('duplicate');
    expect(beet?.photos.map((p) => p.classKey).sort()).toEqual(['Beetroot', 'Dates']);
    const dark = printed.findings.filter((f) => f.kind === 'dark').map((f) => f.photos[0].file);
    expect(dark.sort()).toEqual(['Apple', 'Beetroot', 'Dates', 'Mango', 'Orange', 'Pomegranate'].map((c) => `dark-${c}.jpg`));
    expect(printed.findings.every((f) => f.score > 0 && f.score <= 1)).toBe(true);

    const text = await cli('doctor', project);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/The same photo is under two words: “Beetroot” and “Dates”|The same photo is under two words: “Dates” and “Beetroot”/);
    expect(text.out).toMatch(/Too dark to see well, in “Apple”/);
  });

  it('refuses a deck name that matches no deck, saying so', async () => {
    const run = await cli('doctor', project, '--deck', 'Vegetables');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/There is no deck called "Vegetables"/);
  });
});
