import { BACKGROUND_KEY, BACKGROUND_NAME } from '../../shared/background';
import type { DeckClass } from '../../shared/domain';
import { StudioError } from '../../shared/errors';
import { createClass, findBackgroundClass, findClassByKey, getClass } from './classes-repo';
import type { Db } from './open-database';

/**
 * Gives the deck its "Nothing I know" class. A class already called "background" is what the
 * teacher meant (a habit from other tools), so it is marked rather than doubled; otherwise a new,
 * empty class is made. A deck has at most one.
 */
export function addBackgroundClass(db: Db, deckId: number): DeckClass {
  const existing = findBackgroundClass(db, deckId);
  if (existing) {
    throw new StudioError(
      'CLASS_EXISTS',
      `This deck already has its “${BACKGROUND_NAME}” word (“${existing.key}”).`,
      'Add photos of the empty desk, the classroom or hands to it.',
    );
  }
  const named = findClassByKey(db, deckId, BACKGROUND_KEY);
  if (!named) return createClass(db, deckId, BACKGROUND_KEY, {}, { background: true });
  db.prepare('UPDATE classes SET background = 1 WHERE id = ?').run(named.id);
  return getClass(db, named.id);
}
