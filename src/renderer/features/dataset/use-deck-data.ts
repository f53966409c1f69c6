import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeckClass, Photo } from '../../../shared/domain';
import { useStudio, useStudioEvent } from '../../api/hooks';

export interface DeckData {
  classes: DeckClass[] | null;
  photos: Photo[] | null;
  error: unknown;
  reload(): Promise<void>;
}

/** A deck's classes and photos, fetched again whenever the core says its photos or words changed. */
export function useDeckData(deckId: number): DeckData {
  const { client } = useStudio();
  const [classes, setClasses] = useState<DeckClass[] | null>(null);
  const [photos, setPhotos] = useState<Photo[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const reload = useCallback(async () => {
    try {
      const [c, p] = await Promise.all([client.listClasses({ deckId }), client.listPhotos({ deckId })]);
      setClasses(c);
      setPhotos(p);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [client, deckId]);

  useEffect(() => {
    setClasses(null);
    setPhotos(null);
    void reload();
  }, [reload]);

  // An import changes photos many times a second: coalesce into one reload.
  const changed = (p: { deckId: number }) => {
    if (p.deckId !== deckId) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void reload();
    }, 150);
  };
  useStudioEvent('photos.changed', changed);
  // A word renamed or edited (an undo, another tab, a word list) shows at once too.
  useStudioEvent('words.changed', changed);
  // Photos found not to decode while getting ready get their mark on the grid.
  useStudioEvent('training.prepared', (p) => p.unreadable > 0 && changed(p));
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return { classes, photos, error, reload };
}
