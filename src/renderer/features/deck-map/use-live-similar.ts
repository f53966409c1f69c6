import { useCallback, useEffect, useRef, useState } from 'react';
import type { SimilarPhotos } from '../../../shared/api/deck-map';
import { useStudio } from '../../api/hooks';

/** The live test asks at most this often which photos the frame resembles (each ask compares with every photo of the deck). */
const EVERY_MS = 400;

/**
 * "Why this word?" during a live test: the window hands over each frame's features and its two
 * best words; a few times a second the newest of them goes to the core, never two at once.
 */
export function useLiveSimilar(deckId: number, versionId: number) {
  const { client } = useStudio();
  const latest = useRef<{ features: Float32Array; keys: string[] } | null>(null);
  const [answer, setAnswer] = useState<SimilarPhotos | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let busy = false;
    let stopped = false;
    setAnswer(null);
    const timer = setInterval(() => {
      const frame = latest.current;
      if (busy || !frame) return;
      latest.current = null;
      busy = true;
      client
        .findSimilarPhotos({ deckId, versionId, query: { features: Array.from(frame.features) }, classKeys: frame.keys })
        .then(
          (a) => {
            if (stopped) return;
            setAnswer(a);
            setError(null);
          },
          (e: unknown) => !stopped && setError(e),
        )
        .finally(() => {
          busy = false;
        });
    }, EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [client, deckId, versionId]);

  /** The newest frame: its features and its best words, most likely first. */
  const push = useCallback((features: Float32Array, keys: string[]) => {
    // A frame the backend garbled (not finite) would only be refused: wait for the next.
    if (keys.length > 0 && features.every(Number.isFinite)) latest.current = { features, keys };
  }, []);

  return { answer, error, push };
}
