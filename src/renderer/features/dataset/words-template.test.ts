import { describe, expect, it } from 'vitest';
import { wordsTemplateCsv } from './words-template';

describe('wordsTemplateCsv', () => {
  it("lists the deck's words under the project's languages, quoting what needs quotes", () => {
    const csv = wordsTemplateCsv(
      ['en', 'fr'],
      [
        { key: 'apple', words: { en: 'apple', fr: 'pomme' } },
        { key: 'kiwi, green', words: { fr: 'kiwi "vert"' } },
      ],
    );
    expect(csv).toBe('\uFEFFkey,en,fr\r\napple,apple,pomme\r\n"kiwi, green",,"kiwi ""vert"""\r\n');
  });

  it('leaves out the "Nothing I know" class: it has no words to write', () => {
    const csv = wordsTemplateCsv(
      ['en', 'fr'],
      [
        { key: 'apple', words: { en: 'apple' } },
        { key: 'background', words: {}, background: true },
      ],
    );
    expect(csv).toBe('\uFEFFkey,en,fr\r\napple,apple,\r\n');
  });

  it('gives an example row when the deck has no words yet', () => {
    expect(wordsTemplateCsv(['en', 'es', 'sw'], [])).toBe('\uFEFFkey,en,es,sw\r\napple,apple,manzana,…\r\n');
  });
});
