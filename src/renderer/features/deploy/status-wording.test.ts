import { describe, expect, it } from 'vitest';
import type { DeckStatus } from '../../../shared/api/deploy';
import { NO_CHANGES } from '../../../test-support/deck-changes';
import { changesText, exportStatusText, modelStatusText } from './status-wording';

const none = NO_CHANGES;

function status(over: Partial<DeckStatus>): DeckStatus {
  return { deckId: 1, deckName: 'Fruits', model: null, export: null, phones: [], needs: { train: true, export: true }, ...over };
}

describe('deck status wording', () => {
  it('names each kind of change', () => {
    expect(changesText(none)).toBeNull();
    expect(changesText({ ...none, photosAdded: 3, photosMoved: 1, wordsChanged: ['Orange'] })).toBe(
      '3 photos added, 1 photo moved to another word, words edited for Orange',
    );
    expect(changesText({ ...none, classesAdded: ['Kiwi'], photosRemoved: 2 })).toBe('2 photos removed, new word: Kiwi');
    expect(changesText({ ...none, backgroundMarked: ['desk'], backgroundUnmarked: ['background'] })).toBe(
      'desk made “Nothing I know”, background made a normal word again',
    );
    // The phone page's "changed since" names only what needs training again.
    expect(changesText({ ...none, backgroundMarked: ['desk'] }, { words: false })).toBeNull();
  });

  it('a model is out of date when photos changed, not when only words did', () => {
    const model = { versionId: 1, number: 2, createdAt: '', upToDate: false, changes: { ...none, photosAdded: 4 } };
    expect(modelStatusText(status({ model }))).toMatchObject({ tone: 'stale', title: 'Version 2 is out of date' });
    expect(modelStatusText(status({ model: { ...model, upToDate: true, changes: { ...none, wordsChanged: ['Apple'] } } }))).toMatchObject({
      tone: 'ok',
    });
    const marked = modelStatusText(status({ model: { ...model, upToDate: true, changes: { ...none, backgroundMarked: ['desk'] } } }));
    expect(marked).toMatchObject({ tone: 'ok', title: 'Version 2 is up to date' });
    expect(marked.detail).toBe('Its photos are all learnt. Since it was trained: desk made “Nothing I know” (this goes out with the next export).');
  });

  it('an export behind a newer version says which', () => {
    const model = { versionId: 2, number: 2, createdAt: '', upToDate: true, changes: none };
    const exp = { exportId: 1, createdAt: '', folder: '/x', versionId: 1, versionNumber: 1, newerVersion: true, changes: none, upToDate: false };
    const t = exportStatusText(status({ model, export: exp }));
    expect(t.title).toBe('The export holds Version 1, out of date');
    expect(t.detail).toContain('newer model, Version 2');
  });
});
