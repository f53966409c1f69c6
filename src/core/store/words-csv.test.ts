import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/errors';
import { parseCsv } from './csv-parse';
import { testCore, type TestCore } from '../../test-support/test-core';

describe('parseCsv', () => {
  it('reads what spreadsheets write: BOM, CRLF, quotes, doubled quotes, line breaks in quotes', () => {
    const text = '\uFEFFkey,fr,es\r\napple,"pomme","manzana"\r\n"say ""hi""","bon\r\njour",hola\r\n\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['key', 'fr', 'es'] },
      { line: 2, fields: ['apple', 'pomme', 'manzana'] },
      { line: 3, fields: ['say "hi"', 'bon\r\njour', 'hola'] },
    ]);
  });

  it('takes ";" when the header uses it (European spreadsheets)', () => {
    expect(parseCsv('key;fr\napple;pomme, rouge\n')[1].fields).toEqual(['apple', 'pomme, rouge']);
  });

  it('names the line of an unclosed quote and of a stray quote', () => {
    expect(() => parseCsv('key,fr\napple,pomme\npear,"poire\n')).toThrow(/line 3 .*never closed/);
    expect(() => parseCsv('key,fr\napple,po"mme\n')).toThrow(/line 2 .*quote/);
    expect(() => parseCsv('key,fr\napple,"pomme"x\n')).toThrow(/line 2 .*after a closing quote/);
  });
});

describe('importWordsCsv', () => {
  let t: TestCore;
  let deckId: number;
  beforeEach(async () => {
    t = await testCore({ languages: ['en', 'fr'] });
    deckId = (await t.core.api.createDeck({ name: 'Fruits' })).id;
  });
  afterEach(async () => {
    await t.dispose();
  });

  async function refusal(csv: string): Promise<StudioError> {
    try {
      await t.core.api.importWordsCsv({ deckId, csv });
    } catch (e) {
      return e as StudioError;
    }
    throw new Error('expected the word list to be refused');
  }

  it('fills words, creates missing classes, updates existing ones and adds new languages', async () => {
    const { api } = t.core;
    const apple = await api.createClass({ deckId, key: 'Apple', words: { en: 'apple', fr: 'pom' } });
    const csv = '\uFEFFkey,fr,es\r\napple,pomme,manzana\r\norange,orange,naranja\r\n"kiwi, green",kiwi,\r\n';
    const result = await api.importWordsCsv({ deckId, csv });
    expect(result).toEqual({ updated: 1, created: 2, languagesAdded: ['es'] });
    const classes = await api.listClasses({ deckId });
    expect(classes.map((c) => [c.key, c.words])).toEqual([
      ['Apple', { en: 'apple', fr: 'pomme', es: 'manzana' }],
      // The teacher's own language (en, first in the project) comes from the key when the list lacks it.
      ['orange', { en: 'orange', fr: 'orange', es: 'naranja' }],
      // An empty cell leaves that language unwritten rather than erasing anything.
      ['kiwi, green', { en: 'kiwi, green', fr: 'kiwi' }],
    ]);
    expect(classes[0].id).toBe(apple.id);
    const info = (await api.getAppInfo()).project!;
    expect(info.targetLanguages).toEqual(['fr', 'es']);
  });

  it('fills the home language from the key on classes already there, and never over a word the teacher wrote', async () => {
    const { api } = t.core;
    const bare = await api.createClass({ deckId, key: 'pear' });
    expect(bare.words).toEqual({ en: 'pear' });
    await api.updateClass({ classId: bare.id, words: { en: '' } });
    await api.createClass({ deckId, key: 'grape', words: { en: 'grapes' } });
    await api.importWordsCsv({ deckId, csv: 'key,fr\npear,poire\ngrape,raisin\n' });
    const words = Object.fromEntries((await api.listClasses({ deckId })).map((c) => [c.key, c.words]));
    expect(words).toEqual({ pear: { en: 'pear', fr: 'poire' }, grape: { en: 'grapes', fr: 'raisin' } });
  });

  it('refuses malformed files with the line and what is wrong, changing nothing', async () => {
    const cases: [string, number, RegExp][] = [
      ['', 1, /empty/],
      ['name,fr\napple,pomme\n', 1, /header/],
      ['key\napple\n', 1, /no language/],
      ['key,fr,fr\n', 1, /twice/],
      ['key,fr,not a lang\n', 1, /not a language code/],
      ['key,fr\napple,pomme\norange,orange,naranja\n', 3, /3 values but the header has 2/],
      ['key,fr\napple,pomme\n,poire\n', 3, /no key/],
      ['key,fr\napple,pomme\nApple,pomme\n', 3, /repeats the key/],
      ['key,fr\napple,pomme\n"pear\n', 3, /never closed/],
      ['key,fr\na/b,x\n', 2, /cannot be a class name/],
    ];
    for (const [csv, line, what] of cases) {
      const e = await refusal(csv);
      expect(e.code, csv).toBe('CSV_MALFORMED');
      expect(e.message, csv).toContain(`line ${line}`);
      expect(e.message, csv).toMatch(what);
      expect(e.fix, csv).toMatch(/line/);
    }
    expect(await t.core.api.listClasses({ deckId })).toEqual([]);
    expect((await t.core.api.getAppInfo()).project!.targetLanguages).toEqual(['fr']);
  });
});
