import { useCallback, useEffect, useRef, useState } from 'react';
import type { MlInfo, TrainingConfig, TrainingSettings } from '../../../shared/api/training';
import { useStudio, useStudioEvent } from '../../api/hooks';
import { useNotices } from '../../components/notices';

const SAVE_AFTER_MS = 400;

export interface TrainingConfigState {
  config: TrainingConfig | null;
  error: unknown;
  /** Remembers one changed setting for the deck (saved shortly after, or at once on flush). */
  change(patch: Partial<TrainingSettings>): void;
  reset(): Promise<void>;
  /** Saves what is pending; Train calls it so a run uses what the teacher just typed. */
  flush(): Promise<void>;
}

/** The deck's training settings, persisted with setTrainingConfig. */
export function useTrainingConfig(deckId: number): TrainingConfigState {
  const { client } = useStudio();
  const notices = useNotices();
  const [config, setConfig] = useState<TrainingConfig | null>(null);
  const [error, setError] = useState<unknown>(null);
  const pending = useRef<TrainingSettings | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    setConfig(null);
    client.getTrainingConfig({ deckId }).then(setConfig, setError);
  }, [client, deckId]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const settings = pending.current;
    pending.current = null;
    if (!settings) return;
    try {
      setConfig(await client.setTrainingConfig({ deckId, settings }));
    } catch (e) {
      notices.showError(e);
      client.getTrainingConfig({ deckId }).then(setConfig, setError);
    }
  }, [client, deckId, notices]);

  const change = useCallback(
    (patch: Partial<TrainingSettings>) => {
      setConfig((c) => {
        if (!c) return c;
        const settings = { ...c.settings, ...patch };
        pending.current = settings;
        return { ...c, settings };
      });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_AFTER_MS);
    },
    [flush],
  );

  const reset = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    pending.current = null;
    try {
      setConfig(await client.setTrainingConfig({ deckId, settings: {} }));
    } catch (e) {
      notices.showError(e);
    }
  }, [client, deckId, notices]);

  // Leaving the tab must not lose a change typed in the last moment.
  useEffect(() => () => void flush(), [flush]);

  return { config, error, change, reset, flush };
}

/** Backend and worker count, asked once per screen. */
export function useMlInfo(): MlInfo | null {
  const { client } = useStudio();
  const [info, setInfo] = useState<MlInfo | null>(null);
  const load = useCallback(() => {
    client.getMlInfo().then(setInfo, () => undefined);
  }, [client]);
  useEffect(load, [load]);
  // The feature engine is known once the feature workers have started: ask again after a job used them.
  useStudioEvent('job.finished', ({ kind }) => (kind === 'training' || kind === 'features') && load());
  return info;
}
