import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportSummary, MissingWord } from '../../../shared/api/export';
import type { ModelVersionSummary } from '../../../shared/api/training';
import type { Deck, LanguageCode } from '../../../shared/domain';
import { useStudio, useStudioEvent } from '../../api/hooks';

/** A deck of the project and the model it would be exported with (null: not trained yet). */
export interface DeckModelChoice {
  deck: Deck;
  version: ModelVersionSummary | null;
}

/** Every deck of the project with its current model; reloads when a training run saves a version. */
export function useDeckModels(): { decks: DeckModelChoice[] | null; error: unknown } {
  const { client } = useStudio();
  const [decks, setDecks] = useState<DeckModelChoice[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    (async () => {
      const all = await client.listDecks();
      const withModels = await Promise.all(
        all.map(async (deck) => {
          const versions = await client.listModelVersions({ deckId: deck.id });
          return { deck, version: versions.find((v) => v.current) ?? versions[0] ?? null };
        }),
      );
      setDecks(withModels);
      setError(null);
    })().catch(setError);
  }, [client]);
  useEffect(load, [load]);
  useStudioEvent('training.finished', load);
  return { decks, error };
}

/**
 * Words the export would lack for the chosen decks and languages; null while asking. Asked again
 * whenever the choice changes (the tab is opened afresh after the teacher fills words in Photos).
 */
export function useMissingWords(deckIds: number[], languages: LanguageCode[]): { missing: MissingWord[] | null; error: unknown } {
  const { client } = useStudio();
  const [missing, setMissing] = useState<MissingWord[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Both arrays are rebuilt on every render: the effect reruns when their contents (`key`) change
  // and reads the latest arrays from the ref.
  const key = `${deckIds.join(',')}|${languages.join(',')}`;
  const args = useRef({ deckIds, languages });
  args.current = { deckIds, languages };
  useEffect(() => {
    const { deckIds, languages } = args.current;
    let live = true;
    setMissing(null);
    if (deckIds.length === 0 || languages.length === 0) {
      setMissing([]);
      return;
    }
    Promise.all(deckIds.map((deckId) => client.getMissingWords({ deckId, languages }))).then(
      (lists) => live && (setMissing(lists.flat()), setError(null)),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [client, key]);
  return { missing, error };
}

/** Earlier exports that include the deck, newest first; reloads when any export finishes. */
export function useExportHistory(deckId: number): ExportSummary[] | null {
  const { client } = useStudio();
  const [history, setHistory] = useState<ExportSummary[] | null>(null);
  const load = useCallback(() => {
    client.listExports({ deckId }).then(setHistory, () => setHistory([]));
  }, [client, deckId]);
  useEffect(load, [load]);
  useStudioEvent('job.finished', ({ kind }) => kind === 'export' && load());
  return history;
}

/** The open project's exports folder (for download links in the browser). */
export function useExportsFolder(): string | null {
  const { client } = useStudio();
  const [dir, setDir] = useState<string | null>(null);
  useEffect(() => {
    client.getExportsFolder().then(
      (r) => setDir(r.dir),
      () => setDir(null),
    );
  }, [client]);
  return dir;
}
