import type { Deck } from '../../shared/domain';
import { StudioError } from '../../shared/errors';
import type { StudioCore } from '../../core/index';
import { deckByName } from '../cli-helpers';

/** The deck named by --deck, or the project's only deck. */
export async function chooseDeck(core: StudioCore, name: string | undefined): Promise<Deck> {
  if (name !== undefined) return deckByName(core, name, false);
  const decks = await core.api.listDecks();
  if (decks.length === 1) return decks[0];
  throw new StudioError(
    'DECK_NOT_FOUND',
    decks.length === 0 ? 'This project has no deck yet.' : `This project has ${decks.length} decks: ${decks.map((d) => `"${d.name}"`).join(', ')}.`,
    decks.length === 0 ? 'Import photos first: magritte import <dir> <folder>.' : 'Say which one with --deck NAME.',
  );
}

/** A numeric option, or a clear error naming the option. */
export function numberOption(values: Record<string, unknown>, name: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n)) {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- parseArgs gives strings or booleans, never objects
    throw new StudioError('INVALID_ARGUMENT', `--${name} needs a number (got "${String(v)}").`, `For example --${name} 10.`);
  }
  return n;
}

export function percent(x: number | null): string {
  return x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`;
}
