/**
 * "Nothing I know": a deck's background class. Its label is what the model answers when it sees
 * none of the deck's words (the empty desk, the classroom, hands); every screen shows and says
 * nothing then, and exports name it so other apps can stay silent too.
 */

/** The key a new background class gets: also its label in exported label files, a name apps know. */
export const BACKGROUND_KEY = 'background';

/** What teachers see for the background class on every screen. */
export const BACKGROUND_NAME = 'Nothing I know';

/** The background's label among a model's labels (in output order), or null when it has none. */
export function backgroundIndex(labels: readonly string[], background: string | null | undefined): number | null {
  if (!background) return null;
  const i = labels.findIndex((l) => l.toLowerCase() === background.toLowerCase());
  return i >= 0 ? i : null;
}

/**
 * How a class is named on screen: its key, or "Nothing I know" for the background (whose key,
 * often "background", is a label for other programs, not a word for teachers).
 */
export function classTitle(cls: { key: string; background?: boolean }): string {
  return cls.background ? BACKGROUND_NAME : cls.key;
}
