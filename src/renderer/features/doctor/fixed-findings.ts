import { useCallback, useSyncExternalStore } from 'react';

/**
 * Findings the teacher just fixed (photo moved or deleted), per deck. They leave the Doctor tab's
 * list and the badge's count together, at once, until a report that is up to date again says what
 * is really left. Kept outside the React tree because the badge (in the tab strip) and the panel
 * are apart, and must never count different things.
 */
const fixedByDeck = new Map<number, ReadonlySet<string>>();
const listeners = new Set<() => void>();
const NONE: ReadonlySet<string> = new Set();

function update(deckId: number, keys: ReadonlySet<string>): void {
  if (keys.size === 0 && !fixedByDeck.has(deckId)) return;
  if (keys.size === 0) fixedByDeck.delete(deckId);
  else fixedByDeck.set(deckId, keys);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface FixedFindings {
  /** Keys of the findings fixed since the last up-to-date report. */
  keys: ReadonlySet<string>;
  hide(keys: readonly string[]): void;
  /** A report up to date again lists what is left: nothing is hidden any more. */
  clear(): void;
}

export function useFixedFindings(deckId: number): FixedFindings {
  const keys = useSyncExternalStore(subscribe, () => fixedByDeck.get(deckId) ?? NONE);
  const hide = useCallback((more: readonly string[]) => update(deckId, new Set([...(fixedByDeck.get(deckId) ?? NONE), ...more])), [deckId]);
  const clear = useCallback(() => update(deckId, NONE), [deckId]);
  return { keys, hide, clear };
}
