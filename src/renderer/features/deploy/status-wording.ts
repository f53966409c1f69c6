/** How a deck's status reads to a teacher: which version, and what changed in the deck since. */
import type { DeckChanges, DeckStatus } from '../../../shared/api/deploy';
import { BACKGROUND_NAME } from '../../../shared/background';
import { plural } from '../../../shared/format';

function list(keys: string[]): string {
  return keys.length <= 3 ? keys.join(', ') : `${keys.slice(0, 3).join(', ')} and ${keys.length - 3} more`;
}

/**
 * What goes out with the next export without training again: "words edited for Orange, desk
 * made “Nothing I know”", or null.
 */
function exportOnlyText(c: DeckChanges): string | null {
  const parts: string[] = [];
  if (c.wordsChanged.length > 0) parts.push(`words edited for ${list(c.wordsChanged)}`);
  if (c.backgroundMarked.length > 0) parts.push(`${list(c.backgroundMarked)} made “${BACKGROUND_NAME}”`);
  if (c.backgroundUnmarked.length > 0) parts.push(`${list(c.backgroundUnmarked)} made a normal word again`);
  return parts.length > 0 ? parts.join(', ') : null;
}

/**
 * "3 photos added, 1 moved to another word, words edited for Orange", or null when nothing
 * changed. `words: false` leaves out what only an export carries (words, the background).
 */
export function changesText(c: DeckChanges, opts: { words?: boolean } = {}): string | null {
  const parts: string[] = [];
  if (c.photosAdded > 0) parts.push(`${plural(c.photosAdded, 'photo')} added`);
  if (c.photosRemoved > 0) parts.push(`${plural(c.photosRemoved, 'photo')} removed`);
  if (c.photosMoved > 0) parts.push(`${plural(c.photosMoved, 'photo')} moved to another word`);
  if (c.classesAdded.length > 0) parts.push(`new ${c.classesAdded.length === 1 ? 'word' : 'words'}: ${list(c.classesAdded)}`);
  if (c.classesRemoved.length > 0) parts.push(`${c.classesRemoved.length === 1 ? 'word' : 'words'} deleted: ${list(c.classesRemoved)}`);
  const exportOnly = opts.words !== false ? exportOnlyText(c) : null;
  if (exportOnly) parts.push(exportOnly);
  return parts.length > 0 ? parts.join(', ') : null;
}

export type StatusTone = 'ok' | 'stale' | 'none';

/** What a screen that uses the model says about it: one sentence, and whether it is behind the deck. */
export function modelStatusText(s: DeckStatus): { tone: StatusTone; title: string; detail: string } {
  if (!s.model) return { tone: 'none', title: 'No model yet', detail: `Train “${s.deckName}” to make its first version.` };
  const v = `Version ${s.model.number}`;
  if (!s.model.changes)
    return {
      tone: 'stale',
      title: `${v} may be out of date`,
      detail: 'It was trained before the studio kept track of changes; train again to be sure it has every photo.',
    };
  const photos = changesText(s.model.changes, { words: false });
  const words = exportOnlyText(s.model.changes);
  if (photos)
    return {
      tone: 'stale',
      title: `${v} is out of date`,
      detail: `Since it was trained: ${photos}${words ? `, ${words}` : ''}. Train again so the model learns them.`,
    };
  if (words)
    return {
      tone: 'ok',
      title: `${v} is up to date`,
      detail: `Its photos are all learnt. Since it was trained: ${words} (this goes out with the next export).`,
    };
  return { tone: 'ok', title: `${v} is up to date`, detail: 'It has learnt every photo and word of the deck as it is now.' };
}

/** What the deck's latest export holds, against the deck now. */
export function exportStatusText(s: DeckStatus): { tone: StatusTone; title: string; detail: string } {
  const e = s.export;
  if (!e) return { tone: 'none', title: 'Not exported yet', detail: 'Phones get the deck’s latest export.' };
  const v = `Version ${e.versionNumber}`;
  if (e.upToDate)
    return { tone: 'ok', title: `The export holds ${v}, up to date`, detail: 'It matches the deck’s photos and words as they are now.' };
  const reasons: string[] = [];
  if (e.newerVersion && s.model) reasons.push(`the deck has a newer model, Version ${s.model.number}`);
  const changed = e.changes ? changesText(e.changes) : null;
  if (changed) reasons.push(`since then: ${changed}`);
  if (!e.changes) reasons.push('it was made before the studio kept track of changes');
  return { tone: 'stale', title: `The export holds ${v}, out of date`, detail: `${capital(reasons.join('; '))}.` };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "Train, export and send", "Export and send", "Send": what Update phones will do. */
export function updatePlanText(s: DeckStatus): string {
  if (s.needs.train) return 'Trains a new version, exports it and sends it to the phones.';
  if (s.needs.export) return `Exports Version ${s.model?.number ?? ''} with the words as they are now and sends it to the phones.`;
  return 'Sends the up-to-date export to the phones.';
}
