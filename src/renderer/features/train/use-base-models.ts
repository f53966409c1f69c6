import { useCallback, useEffect, useState } from 'react';
import type { BaseModelInfo } from '../../../shared/api/training';
import { useJob, useStudio, useStudioEvent } from '../../api/hooks';
import type { TrackedJob } from '../../api/job-tracker';

/**
 * The download started from any Train tab in this window. Base models belong to the computer, not
 * to a deck, so switching decks or tabs keeps showing the same download.
 */
let lastDownload: { jobId: string; baseModelId: string } | null = null;

export interface BaseModelDownload {
  baseModelId: string | null;
  job: TrackedJob | null;
  running: boolean;
  /** Why the download could not start or failed (MODEL_OFFLINE...); null after a cancel. */
  error: unknown;
  start(baseModelId: string): Promise<void>;
  cancel(): void;
  dismiss(): void;
}

export interface BaseModelsState {
  /** Every base model the studio knows (built in and imported), with where it is. */
  models: BaseModelInfo[] | null;
  /** The base model the deck trains with. */
  selectedId: string | null;
  error: unknown;
  choose(baseModelId: string): Promise<void>;
  /** Reads the list again (after an import). */
  reload(): Promise<void>;
  download: BaseModelDownload;
}

/** The deck's base model, the ones it could use instead, and downloading one ahead of training. */
export function useBaseModels(deckId: number, onChosen?: (baseModelId: string) => void): BaseModelsState {
  const { client } = useStudio();
  const [models, setModels] = useState<BaseModelInfo[] | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [download, setDownload] = useState(lastDownload);
  const [startError, setStartError] = useState<unknown>(null);
  const job = useJob(download?.jobId ?? null);

  const reload = useCallback(async () => {
    try {
      setModels(await client.listBaseModels());
    } catch (e) {
      setError(e);
    }
  }, [client]);

  useEffect(() => {
    setSelectedId(null);
    void reload();
    client.getTrainingConfig({ deckId }).then((c) => setSelectedId(c.baseModelId), setError);
  }, [client, deckId, reload]);

  // After a reload of the window: show a download the core is still running.
  useEffect(() => {
    if (lastDownload) return;
    let live = true;
    client.listJobs().then(
      (jobs) => {
        const running = jobs.find((j) => j.kind === 'base-model' && j.state === 'running');
        if (live && running) setDownload({ jobId: running.jobId, baseModelId: '' });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client]);

  useStudioEvent('baseModels.changed', () => void reload());

  const choose = useCallback(
    async (baseModelId: string) => {
      setError(null);
      const previous = selectedId;
      setSelectedId(baseModelId);
      try {
        const config = await client.setTrainingConfig({ deckId, baseModelId });
        setSelectedId(config.baseModelId);
        onChosen?.(config.baseModelId);
      } catch (e) {
        setSelectedId(previous);
        setError(e);
      }
    },
    [client, deckId, selectedId, onChosen],
  );

  const start = useCallback(
    async (baseModelId: string) => {
      setStartError(null);
      try {
        const { jobId } = await client.prepareBaseModel({ baseModelId });
        lastDownload = { jobId, baseModelId };
        setDownload(lastDownload);
      } catch (e) {
        setStartError(e);
      }
    },
    [client],
  );

  const cancel = useCallback(() => {
    if (download) client.cancelJob({ jobId: download.jobId }).catch(() => undefined);
  }, [client, download]);

  const dismiss = useCallback(() => {
    lastDownload = null;
    setDownload(null);
    setStartError(null);
  }, []);

  // A finished download changes where the model is: read the list again (the event may have come first).
  const state = job?.state;
  useEffect(() => {
    if (state === 'finished') void reload();
  }, [state, reload]);

  return {
    models,
    selectedId,
    error,
    choose,
    reload,
    download: {
      baseModelId: download?.baseModelId || null,
      job,
      running: download !== null && (job === null || job.state === 'running'),
      error: startError ?? (job?.state === 'failed' ? job.error : null),
      start,
      cancel,
      dismiss,
    },
  };
}
