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
  // What the screen shows, kept beside the state so `change` needs no state updater: React may run
  // an updater more than once, and one that also recorded the pending save could bring it back.
  const shown = useRef<TrainingConfig | null>(null);
  const pending = useRef<TrainingSettings | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Only the answer to the newest request may replace what is shown: a save answered after a reset
  // must not undo the reset.
  const asked = useRef(0);

  const show = useCallback((c: TrainingConfig | null) => {
    shown.current = c;
    setConfig(c);
  }, []);

  /** Sends one request; its answer is shown unless a newer request or a newer typed change came since. */
  const ask = useCallback(
    async (call: () => Promise<TrainingConfig>): Promise<void> => {
      const n = ++asked.current;
      const answer = await call();
      if (n === asked.current && pending.current === null) show(answer);
    },
    [show],
  );

  const load = useCallback(() => ask(() => client.getTrainingConfig({ deckId })).catch(setError), [ask, client, deckId]);

  useEffect(() => {
    show(null);
    void load();
  }, [show, load]);

  const stopTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const flush = useCallback(async () => {
    stopTimer();
    const settings = pending.current;
    pending.current = null;
    if (!settings) return;
    try {
      await ask(() => client.setTrainingConfig({ deckId, settings }));
    } catch (e) {
      notices.showError(e);
      void load();
    }
  }, [ask, client, deckId, load, notices]);

  const change = useCallback(
    (patch: Partial<TrainingSettings>) => {
      const c = shown.current;
      if (!c) return;
      const settings = { ...c.settings, ...patch };
      pending.current = settings;
      show({ ...c, settings });
      stopTimer();
      timer.current = setTimeout(() => void flush(), SAVE_AFTER_MS);
    },
    [flush, show],
  );

  const reset = useCallback(async () => {
    stopTimer();
    pending.current = null;
    try {
      await ask(() => client.setTrainingConfig({ deckId, settings: {} }));
    } catch (e) {
      notices.showError(e);
    }
  }, [ask, client, deckId, notices]);

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
