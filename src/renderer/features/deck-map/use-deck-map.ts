import { useEffect, useMemo, useState } from 'react';
import type { DeckMap } from '../../../shared/api/deck-map';
import type { JobProgress, Photo } from '../../../shared/domain';
import { useJob, useStudio } from '../../api/hooks';

export interface DeckMapState {
  /** The newest map (kept on screen while a newer one is arranged). */
  map: DeckMap | null;
  /** Progress of the job arranging the deck now, if one runs. */
  progress: JobProgress | null;
  arranging: boolean;
  error: unknown;
  /** After an error: ask again. */
  retry(): void;
}

/** Photos the map says nothing about yet (new since it was arranged). */
function unmapped(map: DeckMap | null, photos: readonly Photo[]): number {
  if (!map) return photos.length;
  const known = new Set(map.points.map((p) => p.sha256));
  const unplaced = new Set(map.unplaced.map((u) => u.photoId));
  return photos.filter((p) => !known.has(p.sha256) && !unplaced.has(p.id)).length;
}

/**
 * The deck's map, arranged by the core: asked for when the map is shown, and again when photos
 * arrive that it does not place yet (moves and deletions keep the map as it is: the core says so
 * at once). The old map stays drawn while a new one is arranged.
 */
export function useDeckMap(deckId: number, photos: readonly Photo[] | null, active: boolean): DeckMapState {
  const { client } = useStudio();
  const [map, setMap] = useState<DeckMap | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const job = useJob(jobId);
  const missing = useMemo(() => (photos ? unmapped(map, photos) : 0), [map, photos]);
  const deckMatches = map?.deckId === deckId;

  useEffect(() => {
    setMap(null);
    setJobId(null);
    setError(null);
  }, [deckId]);

  // Ask when shown and whenever photos lack a place; never while a job is already at it.
  const wanted = active && photos !== null && (!deckMatches || missing > 0) && jobId === null && error === null;
  useEffect(() => {
    if (!wanted) return;
    let cancelled = false;
    client.openDeckMap({ deckId }).then(
      (r) => {
        if (cancelled) return;
        if (r.map) setMap(r.map);
        setJobId(r.jobId);
      },
      (e: unknown) => !cancelled && setError(e),
    );
    return () => {
      cancelled = true;
    };
  }, [client, deckId, wanted]);

  useEffect(() => {
    if (!job || job.state === 'running') return;
    if (job.state === 'finished') setMap(job.result as DeckMap);
    // Failed or cancelled: say so and wait for the teacher's "Try again" rather than start over.
    else setError(job.error ?? null);
    setJobId(null);
  }, [job]);

  return {
    map: deckMatches ? map : null,
    progress: job?.progress ?? null,
    arranging: jobId !== null,
    error,
    retry: () => setError(null),
  };
}
