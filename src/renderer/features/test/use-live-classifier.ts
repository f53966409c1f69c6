import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveClassifier } from '../../ml';
import { useStudio, useStudioEvent } from '../../api/hooks';
import { isStudioError } from '../../../shared/errors';

export type LiveModelState =
  { status: 'loading' } | { status: 'untrained' } | { status: 'failed'; error: unknown } | { status: 'ready'; classifier: LiveClassifier };

/**
 * The deck's current model, running in this window. Loads it on first use (TF.js itself only
 * then: the Photos tab never pays for it), and again whenever a training run of this deck saves a
 * new version, without a restart.
 */
export function useLiveClassifier(deckId: number): { state: LiveModelState; reload(): void } {
  const { client } = useStudio();
  const [state, setState] = useState<LiveModelState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const current = useRef<LiveClassifier | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      let live;
      try {
        live = await client.getLiveModel({ deckId });
      } catch (e) {
        if (!cancelled) setState(isStudioError(e) && e.code === 'NOT_TRAINED' ? { status: 'untrained' } : { status: 'failed', error: e });
        return;
      }
      const { LiveClassifier } = await import('../../ml');
      const classifier = await LiveClassifier.load(live);
      if (cancelled) {
        classifier.dispose();
        return;
      }
      const old = current.current;
      current.current = classifier;
      setState({ status: 'ready', classifier });
      old?.dispose();
    })().catch((e: unknown) => {
      if (!cancelled) setState({ status: 'failed', error: e });
    });
    return () => {
      cancelled = true;
    };
  }, [client, deckId, generation]);

  useEffect(
    () => () => {
      current.current?.dispose();
      current.current = null;
    },
    [],
  );

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useStudioEvent('training.finished', (p) => {
    if (p.deckId === deckId) reload();
  });
  return { state, reload };
}
