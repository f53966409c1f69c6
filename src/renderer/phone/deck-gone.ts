/**
 * What the phone does with the studio's answer to a deck's live model when it keeps a copy: deck
 * numbers are per project, so only the deck's own project may say it is gone. DOM-free, so the
 * phone server's test checks it against the studio's real answers.
 *
 * Used only by the service worker: a module the page imports too becomes a shared chunk the worker
 * (one classic script, phone-sw.js) cannot load, and the page is never saved.
 */
import { PROJECT_HEADER } from '../../shared/phone-project';

/**
 * - `gone`: the deck's own project answers that the deck no longer exists: let go of it.
 * - `use-kept`: no project, another project (the phone's deck is not in it) or a failure answers:
 *   the copy the phone keeps still works, and nothing is lost (a phone may be offline for weeks).
 * - `as-is`: the answer is the page's to show (a model, "not trained yet", or no copy is kept).
 */
export type LiveModelAnswer = 'gone' | 'use-kept' | 'as-is';

export function judgeLiveModelAnswer(
  answer: { status: number; code: string | null; project: string | null },
  kept: { project: string | null } | null,
): LiveModelAnswer {
  if (answer.status < 400 || !kept) return 'as-is';
  const sameProject = answer.project !== null && answer.project === kept.project;
  if (sameProject && answer.code === 'DECK_NOT_FOUND') return 'gone';
  if (sameProject && answer.code === 'NOT_TRAINED') return 'as-is';
  return 'use-kept';
}

/** Reads a live-model answer, without using it up, against the copy kept for it (if any). */
export async function judgeLiveModelResponse(response: Response, kept: Response | undefined): Promise<LiveModelAnswer> {
  const body: unknown =
    response.status >= 400
      ? await response
          .clone()
          .json()
          .catch(() => null)
      : null;
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return judgeLiveModelAnswer(
    { status: response.status, code: typeof code === 'string' ? code : null, project: response.headers.get(PROJECT_HEADER) },
    kept ? { project: kept.headers.get(PROJECT_HEADER) } : null,
  );
}
