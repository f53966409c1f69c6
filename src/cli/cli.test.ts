import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRUITS, tempDir } from '../test-support/test-core';
import { COMMANDS } from './commands/index';
import { cliRunner } from '../test-support/cli-runner';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('magritte CLI', () => {
  let tmp: string;
  let project: string;
  beforeAll(() => {
    tmp = tempDir();
    project = path.join(tmp, 'Fruits.magritte');
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const cli = cliRunner(() => ({ dataDir: path.join(tmp, 'data'), projectsDir: tmp }));

  it('creates a project, imports class folders, reads a word list and describes the result', async () => {
    const created = await cli('create', project, '--name', 'Fruits', '--langs', 'en,fr,es');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/Created project "Fruits"/);

    const imported = await cli('import', project, FRUITS, '--deck', 'Fruits', '--json');
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.out) as { imported: number; duplicates: number; classesCreated: string[] };
    expect(report).toMatchObject({ imported: 240, duplicates: 0 });
    expect(report.classesCreated).toHaveLength(6);
    expect(imported.err).toMatch(/\d+\/242/);

    const again = await cli('import', project, FRUITS, '--deck', 'fruits');
    expect(again.out).toMatch(/0 imported, 240 already there/);

    const csv = path.join(tmp, 'words.csv');
    fs.writeFileSync(csv, '\uFEFFkey,en,fr,es\r\nApple,apple,pomme,manzana\r\nOrange,orange,orange,naranja\r\nKiwi,kiwi,kiwi,kiwi\r\n');
    const words = await cli('words', project, '--deck', 'Fruits', '--csv', csv);
    expect(words.code).toBe(0);
    expect(words.out).toMatch(/2 classes updated, 1 created/);

    const info = await cli('info', project, '--json');
    expect(info.code).toBe(0);
    const parsed = JSON.parse(info.out) as {
      decks: { name: string; classes: { key: string; words: Record<string, string>; photoCount: number }[] }[];
    };
    expect(parsed.decks).toHaveLength(1);
    const classes = parsed.decks[0].classes;
    expect(classes.find((c) => c.key === 'Apple')).toEqual({ key: 'Apple', words: { en: 'apple', fr: 'pomme', es: 'manzana' }, photoCount: 40 });
    expect(classes.find((c) => c.key === 'Kiwi')).toMatchObject({ photoCount: 0 });
    expect(classes.reduce((n, c) => n + c.photoCount, 0)).toBe(240);
  });

  it('prints the message and the fix and exits 1 on errors', async () => {
    const missing = await cli('info', path.join(tmp, 'nowhere'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^Error: There is no Magritte Studio project/);
    expect(missing.err).toMatch(/^Error: There is no Magritte Studio project[^\n]* Fix: [^\n]+\n$/);

    const csv = path.join(tmp, 'bad.csv');
    fs.writeFileSync(csv, 'key,fr\napple,"pomme\n');
    const bad = await cli('words', project, '--deck', 'Fruits', '--csv', csv);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/line 2/);

    expect((await cli('frobnicate')).code).toBe(1);
    expect((await cli('import', project, '--bogus')).code).toBe(1);
  });

  it('refuses a hostile project in one line, exit 1, no stack trace, touching nothing outside (every verb)', async () => {
    const hostile = path.join(tmp, 'Hostile.magritte');
    expect((await cli('create', hostile, '--name', 'Hostile', '--langs', 'en')).code).toBe(0);
    const outside = path.join(tmp, 'outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'homework.txt'), 'made before the test');
    fs.rmSync(path.join(hostile, 'tmp'), { recursive: true });
    fs.symlinkSync(outside, path.join(hostile, 'tmp'));

    const env = { ...process.env, MAGRITTE_DATA_DIR: path.join(tmp, 'data') };
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/magritte.mjs'), 'info', hostile], { env, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Error: The project folder holds "tmp", which is a symbolic link[^\n]* Fix: Delete the link named "tmp"[^\n]+\n$/);
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/);

    for (const argv of [
      ['info', hostile, '--json'],
      ['import', hostile, FRUITS, '--deck', 'Fruits'],
      ['words', hostile, '--deck', 'Fruits', '--csv', path.join(outside, 'homework.txt')],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err, argv.join(' ')).toMatch(/^Error: [^\n]*"tmp"[^\n]* Fix: [^\n]+\n$/);
    }
    expect(fs.readdirSync(outside)).toEqual(['homework.txt']);
    expect(fs.readFileSync(path.join(outside, 'homework.txt'), 'utf8')).toBe('made before the test');
  });

  it('answers --help (and -h, and `help <command>`) for every command, before checking its arguments', async () => {
    expect(COMMANDS.length).toBeGreaterThanOrEqual(10);
    for (const c of COMMANDS) {
      for (const argv of [
        [c.name, '--help'],
        [c.name, project, '-h', '--bogus'],
        ['help', c.name],
      ]) {
        const r = await cli(...argv);
        expect(r.err, argv.join(' ')).toBe('');
        expect(r.code, argv.join(' ')).toBe(0);
        expect(r.out).toContain(`Usage: magritte ${c.usage}`);
        expect(r.out).toContain(c.summary);
        for (const option of Object.keys(c.options ?? {})) expect(r.out).toContain(`--${option}`);
      }
    }
    const top = await cli('--help');
    expect(top.out).toMatch(/magritte <command> --help/);
  });

  it('runs from bin/magritte.mjs (the `npx magritte` entry)', () => {
    const env = { ...process.env, MAGRITTE_DATA_DIR: path.join(tmp, 'data') };
    const ok = spawnSync(process.execPath, [path.join(ROOT, 'bin/magritte.mjs'), 'info', project], { env, encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Deck "Fruits": 7 classes, 240 photos/);
    const fail = spawnSync(process.execPath, [path.join(ROOT, 'bin/magritte.mjs'), 'info', path.join(tmp, 'nowhere')], { env, encoding: 'utf8' });
    expect(fail.status).toBe(1);
    expect(fail.stderr).toMatch(/Fix: /);
  });
});
