import { useCallback, useEffect, useState } from 'react';
import type { DeckStatus } from '../../../shared/api/deploy';
import { useStudio, useStudioEvent } from '../../api/hooks';

const REFRESH_KINDS = new Set(['export', 'push', 'update-phones', 'import']);

/**
 * The deck's status (versions of model, export and phones, what changed since), asked again
 * whenever photos, words, versions, exports or phones change.
 */
export function useDeckStatus(deckId: number): { status: DeckStatus | null; error: unknown; reload(): void } {
  const { client } = useStudio();
  const [status, setStatus] = useState<DeckStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    client.getDeckStatus({ deckId }).then((s) => {
      setStatus(s);
      setError(null);
    }, setError);
  }, [client, deckId]);
  useEffect(() => {
    setStatus(null);
    reload();
  }, [reload]);
  const mine = (p: { deckId: number | null }) => p.deckId === deckId && reload();
  useStudioEvent('photos.changed', mine);
  useStudioEvent('words.changed', mine);
  useStudioEvent('training.finished', mine);
  useStudioEvent('job.finished', ({ kind }) => REFRESH_KINDS.has(kind) && reload());
  useStudioEvent('job.failed', ({ kind }) => REFRESH_KINDS.has(kind) && reload());
  return { status, error, reload };
}
