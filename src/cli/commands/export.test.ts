import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../shared/api/export';
import { testCore, tempDir } from '../../test-support/test-core';
import { fruitDeck, trainDeck } from '../../test-support/train-deck';
import { cliRunner } from '../../test-support/cli-runner';

describe('magritte export', () => {
  let tmp: string;
  let project: string;
  let dataDir: string;

  beforeAll(async () => {
    const t = await testCore({ languages: ['en', 'fr'] });
    tmp = tempDir('magritte-cli-export-');
    dataDir = path.join(t.tmp, 'data');
    project = t.core.context.session.require().dir;
    const deck = await fruitDeck(t.core, 'Fruits', 6, ['Apple', 'Orange', 'Mango']);
    await trainDeck(t.core, deck);
    // Mango has no French word yet: exports with French are refused, English-only ones go ahead.
    const mango = (await t.core.api.listClasses({ deckId: deck })).find((c) => c.key === 'Mango');
    await t.core.api.updateClass({ classId: mango?.id ?? 0, words: { fr: '' } });
    // Close the core (and its project lock) but keep its folders for the CLI.
    await t.core.close();
  });
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(path.dirname(path.dirname(project)), { recursive: true, force: true });
  });

  const cli = cliRunner(() => ({ dataDir, projectsDir: tmp }));

  it('writes the chosen format to --out and prints the files, sizes and parity result', async () => {
    const out = path.join(tmp, 'phone');
    const r = await cli('export', project, '--deck', 'fruits', '--format', 'tflite', '--langs', 'en', '--out', out, '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as ExportResult;
    expect(result.folder).toBe(out);
    expect(result.formats).toEqual(['tflite']);
    expect(result.parity?.passed).toBe(true);
    expect(fs.existsSync(path.join(out, 'tflite', 'fruits.tflite'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'tfjs'))).toBe(false);

    // Left by an export to the same --out that stopped midway (a crash), and a link planted with
    // the same kind of name: both go (the link itself, never what it names); other names stay.
    const leftover = path.join(tmp, '.web.partial-1a2b3c4d');
    fs.mkdirSync(path.join(leftover, 'tfjs'), { recursive: true });
    fs.writeFileSync(path.join(leftover, 'tfjs', 'model.json'), 'half');
    const outside = path.join(tmp, 'outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'keep.txt'), 'made before the export');
    fs.symlinkSync(outside, path.join(tmp, '.web.partial-5e6f7a8b'));
    fs.mkdirSync(path.join(tmp, '.notes.partial-9c0d1e2f'));
    const text = await cli('export', project, '--format', 'tfjs', '--langs', 'en', '--out', path.join(tmp, 'web'));
    expect(text.code).toBe(0);
    expect(fs.readdirSync(tmp).filter((n) => n.includes('.partial-'))).toEqual(['.notes.partial-9c0d1e2f']);
    expect(fs.readdirSync(outside)).toEqual(['keep.txt']);
    expect(fs.readFileSync(path.join(outside, 'keep.txt'), 'utf8')).toBe('made before the export');
    expect(text.out).toMatch(/Exported Fruits \(version 1, 3 words\)/);
    expect(text.out).toMatch(/tfjs\/model\.json/);
  });

  it('refuses with the missing words and a fix, exit code 1', async () => {
    const missing = await cli('export', project, '--format', 'all', '--out', path.join(tmp, 'x'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/words are missing.*"Mango" in fr/);
    expect(missing.err).toMatch(/Fix: Write the missing words/);
    expect(fs.existsSync(path.join(tmp, 'x'))).toBe(false);
    const bad = await cli('export', project, '--format', 'all', '--langs', 'en,fr,de', '--out', path.join(tmp, 'x'));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/no language "de"/);
    const wrong = await cli('export', project, '--format', 'zip');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/--format tfjs, tflite or all/);
  });
});
