import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testCore, type TestCore } from '../../test-support/test-core';

describe('"Nothing I know": the background class in the store', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await testCore({ languages: ['en', 'fr', 'es'] });
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('is made once per deck, marked as background, with no words to write', async () => {
    const { api } = t.core;
    const deck = await api.createDeck({ name: 'Fruits' });
    const apple = await api.createClass({ deckId: deck.id, key: 'apple', words: { fr: 'pomme' } });
    expect(apple.background).toBe(false);

    const bg = await api.createBackgroundClass({ deckId: deck.id });
    expect(bg).toMatchObject({ key: 'background', background: true, words: {}, photoCount: 0 });
    expect((await api.listClasses({ deckId: deck.id })).map((c) => [c.key, c.background])).toEqual([
      ['apple', false],
      ['background', true],
    ]);
    await expect(api.createBackgroundClass({ deckId: deck.id })).rejects.toMatchObject({ code: 'CLASS_EXISTS' });

    // Missing translations name apple only: the background is never shown or said.
    const missing = await api.getMissingWords({ deckId: deck.id });
    expect(missing.map((m) => `${m.classKey}/${m.language}`)).toEqual(['apple/es']);

    // Renamed, it stays the background; another deck has none of its own.
    expect((await api.updateClass({ classId: bg.id, key: 'empty desk' })).background).toBe(true);
    const other = await api.createDeck({ name: 'Colours' });
    await api.createClass({ deckId: other.id, key: 'red' });
    expect((await api.listClasses({ deckId: other.id })).some((c) => c.background)).toBe(false);
  });

  it('marks a class the teacher already called "Background" instead of making a second one', async () => {
    const { api } = t.core;
    const deck = await api.createDeck({ name: 'Fruits' });
    const theirs = await api.createClass({ deckId: deck.id, key: 'Background' });
    const bg = await api.createBackgroundClass({ deckId: deck.id });
    expect(bg).toMatchObject({ id: theirs.id, key: 'Background', background: true });
    expect(await api.listClasses({ deckId: deck.id })).toHaveLength(1);
  });

  it('the database itself refuses a second background in one deck', async () => {
    const { api } = t.core;
    const deck = await api.createDeck({ name: 'Fruits' });
    await api.createBackgroundClass({ deckId: deck.id });
    const other = await api.createClass({ deckId: deck.id, key: 'desk' });
    const db = t.core.context.session.require().db;
    expect(() => db.prepare('UPDATE classes SET background = 1 WHERE id = ?').run(other.id)).toThrow(/UNIQUE/);
  });
});
