import path from 'node:path';
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

  it('turns an existing word into the background and back, keeping its photos and words, one per deck', async () => {
    const { api } = t.core;
    const deck = await api.createDeck({ name: 'Fruits' });
    const apple = await api.createClass({ deckId: deck.id, key: 'apple', words: { fr: 'pomme' } });
    const desk = await api.createClass({ deckId: deck.id, key: 'desk', words: { fr: 'bureau' } });

    const marked = await api.setClassBackground({ classId: desk.id, background: true });
    expect(marked).toMatchObject({ id: desk.id, key: 'desk', background: true });
    // Its words are no longer asked for while it is the background.
    expect((await api.getMissingWords({ deckId: deck.id })).map((m) => `${m.classKey}/${m.language}`)).toEqual(['apple/es']);

    // A second background is refused, naming the one the deck has and what to do.
    const refused = api.setClassBackground({ classId: apple.id, background: true });
    await expect(refused).rejects.toMatchObject({ code: 'CLASS_EXISTS', details: { backgroundKey: 'desk' } });
    await expect(refused).rejects.toThrow(/“apple” cannot become “Nothing I know”: this deck already has it \(“desk”\)/);
    await expect(api.createBackgroundClass({ deckId: deck.id })).rejects.toMatchObject({ code: 'CLASS_EXISTS' });
    expect((await api.listClasses({ deckId: deck.id })).filter((c) => c.background).map((c) => c.key)).toEqual(['desk']);

    // Back to a normal word: the words it had are there again, and apple can be the background now.
    const normal = await api.setClassBackground({ classId: desk.id, background: false });
    expect(normal).toMatchObject({ background: false, words: { en: 'desk', fr: 'bureau' } });
    expect((await api.getMissingWords({ deckId: deck.id })).map((m) => `${m.classKey}/${m.language}`)).toEqual(['apple/es', 'desk/es']);
    expect((await api.setClassBackground({ classId: apple.id, background: true })).background).toBe(true);
    await expect(api.setClassBackground({ classId: 9999, background: true })).rejects.toMatchObject({ code: 'CLASS_NOT_FOUND' });
  });

  it('"Not now" on the suggestion is kept per deck, after the project is closed and opened again, until shown again', async () => {
    const { api } = t.core;
    const fruits = await api.createDeck({ name: 'Fruits' });
    const colours = await api.createDeck({ name: 'Colours' });
    expect(await api.listHiddenHints({ deckId: fruits.id })).toEqual([]);
    await api.setHintHidden({ deckId: fruits.id, hint: 'background', hidden: true });
    await api.setHintHidden({ deckId: fruits.id, hint: 'background', hidden: true });
    expect(await api.listHiddenHints({ deckId: fruits.id })).toEqual(['background']);

    const dir = (await api.getAppInfo()).project!.dir;
    await api.closeProject();
    await api.openProject({ dir: path.resolve(dir) });
    expect(await api.listHiddenHints({ deckId: fruits.id })).toEqual(['background']);
    expect(await api.listHiddenHints({ deckId: colours.id })).toEqual([]);

    await api.setHintHidden({ deckId: fruits.id, hint: 'background', hidden: false });
    expect(await api.listHiddenHints({ deckId: fruits.id })).toEqual([]);
    await expect(api.listHiddenHints({ deckId: 9999 })).rejects.toMatchObject({ code: 'DECK_NOT_FOUND' });
  });
});
