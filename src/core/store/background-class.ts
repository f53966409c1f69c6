import { BACKGROUND_KEY, BACKGROUND_NAME } from '../../shared/background';
import type { DeckClass } from '../../shared/domain';
import { StudioError } from '../../shared/errors';
import { createClass, findBackgroundClass, findClassByKey, getClass, withHomeWord, writeWords } from './classes-repo';
import type { Db } from './open-database';

/** A deck has at most one background (the database's partial unique index): say which it is. */
function alreadyHasOne(existing: DeckClass, wanted?: DeckClass): StudioError {
  return new StudioError(
    'CLASS_EXISTS',
    wanted
      ? `“${wanted.key}” cannot become “${BACKGROUND_NAME}”: this deck already has it (“${existing.key}”).`
      : `This deck already has its “${BACKGROUND_NAME}” word (“${existing.key}”).`,
    wanted
      ? `Make “${existing.key}” a normal word first (its menu: Use as a normal word), or move the photos of “${wanted.key}” into it.`
      : 'Add photos of the empty desk, the classroom or hands to it.',
    { backgroundClassId: existing.id, backgroundKey: existing.key },
  );
}

/**
 * Gives the deck its "Nothing I know" class. A class already called "background" is what the
 * teacher meant (a habit from other tools), so it is marked rather than doubled; otherwise a new,
 * empty class is made. A deck has at most one.
 */
export function addBackgroundClass(db: Db, deckId: number): DeckClass {
  const existing = findBackgroundClass(db, deckId);
  if (existing) throw alreadyHasOne(existing);
  const named = findClassByKey(db, deckId, BACKGROUND_KEY);
  if (!named) return createClass(db, deckId, BACKGROUND_KEY, {}, { background: true });
  return setBackground(db, named.id, true);
}

/**
 * Turns an existing word into the deck's background or back into a normal word. Its photos and
 * written words stay as they are (hidden while it is the background); a word made normal again
 * gets its key as the teacher's word when it has none, as a new word does.
 */
export function setBackground(db: Db, classId: number, background: boolean): DeckClass {
  const cls = getClass(db, classId);
  if (cls.background === background) return cls;
  db.transaction(() => {
    if (background) {
      const existing = findBackgroundClass(db, cls.deckId);
      if (existing) throw alreadyHasOne(existing, cls);
    } else {
      writeWords(db, classId, withHomeWord(db, cls.key, cls.words));
    }
    db.prepare('UPDATE classes SET background = ? WHERE id = ?').run(background ? 1 : 0, classId);
  })();
  return getClass(db, classId);
}
