import type { DeckChanges } from '../shared/api/deploy';

/** A deck that has not changed since: the starting point tests spread their changes over. */
export const NO_CHANGES: DeckChanges = {
  photosAdded: 0,
  photosRemoved: 0,
  photosMoved: 0,
  classesAdded: [],
  classesRemoved: [],
  wordsChanged: [],
  backgroundMarked: [],
  backgroundUnmarked: [],
};
