/**
 * When the phone may let go of a deck it keeps: only on the studio's own answer that the deck no
 * longer exists. DOM-free, so the phone server's test checks it against the studio's real answers.
 *
 * Used only by the service worker: a module the page imports too becomes a shared chunk the worker
 * (one classic script, phone-sw.js) cannot load, and the page is never saved.
 */

/**
 * True only for the studio's own "that deck no longer exists" answer (a 404 carrying DECK_NOT_FOUND).
 * A studio out of reach, a 5xx (no project open, a failure), a deck not trained yet or anything
 * else leaves the deck kept: the phone may be used offline for weeks and must not lose it.
 */
export function isDeckGoneAnswer(status: number, body: unknown): boolean {
  const error = (body as { error?: { code?: unknown } } | null)?.error;
  return status === 404 && error?.code === 'DECK_NOT_FOUND';
}

/** Reads a live-model answer without using it up: true when it says the deck no longer exists. */
export async function saysDeckGone(response: Response): Promise<boolean> {
  if (response.status !== 404) return false;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null);
  return isDeckGoneAnswer(response.status, body);
}
