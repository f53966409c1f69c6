import { useCallback, useEffect, useState } from 'react';
import type { ModelVersion, ModelVersionSummary } from '../../../shared/api/training';
import { useStudio, useStudioEvent } from '../../api/hooks';

export interface Versions {
  list: ModelVersionSummary[] | null;
  error: unknown;
  /** The version whose results are shown: the one picked, else the current one. */
  selectedId: number | null;
  select(id: number): void;
  reload(): Promise<void>;
}

/** A deck's model versions, reloaded when a run saves a new one (which then becomes the one shown). */
export function useVersions(deckId: number): Versions {
  const { client } = useStudio();
  const [list, setList] = useState<ModelVersionSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [picked, setPicked] = useState<number | null>(null);

  const reload = useCallback(async () => {
    try {
      setList(await client.listModelVersions({ deckId }));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [client, deckId]);
  useEffect(() => {
    setList(null);
    setPicked(null);
    void reload();
  }, [reload]);

  useStudioEvent('training.finished', (p) => {
    if (p.deckId !== deckId) return;
    setPicked(p.versionId);
    void reload();
  });

  const exists = (id: number | null) => id !== null && !!list?.some((v) => v.id === id);
  const current = list?.find((v) => v.current)?.id ?? list?.[0]?.id ?? null;
  const selectedId = exists(picked) ? picked : current;
  return { list, error, selectedId, select: setPicked, reload };
}

/** The full record of one version (curves, metrics, misclassified photos); null while loading. */
export function useVersionDetail(versionId: number | null): { version: ModelVersion | null; error: unknown } {
  const { client } = useStudio();
  const [state, setState] = useState<{ id: number; version: ModelVersion | null; error: unknown } | null>(null);
  useEffect(() => {
    if (versionId === null) return;
    let live = true;
    client.getModelVersion({ versionId }).then(
      (version) => live && setState({ id: versionId, version, error: null }),
      (error: unknown) => live && setState({ id: versionId, version: null, error }),
    );
    return () => {
      live = false;
    };
  }, [client, versionId]);
  if (!state || state.id !== versionId) return { version: null, error: null };
  return { version: state.version, error: state.error };
}
