import { useCallback, useState } from 'react';

/** The Test screen's choices, remembered in this browser. */
export interface TestPrefs {
  language: string | null;
  /** Below this probability the screen says "Not sure" (0..1). */
  threshold: number;
  speech: boolean;
}

const KEY = 'magritte.test';
const DEFAULTS: TestPrefs = { language: null, threshold: 0.6, speech: false };

function load(): TestPrefs {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<TestPrefs>;
    const t = Number(raw.threshold);
    return {
      language: typeof raw.language === 'string' ? raw.language : null,
      threshold: Number.isFinite(t) && t >= 0 && t <= 1 ? t : DEFAULTS.threshold,
      speech: raw.speech === true,
    };
  } catch {
    return { ...DEFAULTS };
  }
}

export function useTestPrefs(): [TestPrefs, (patch: Partial<TestPrefs>) => void] {
  const [prefs, setPrefs] = useState<TestPrefs>(load);
  const update = useCallback((patch: Partial<TestPrefs>) => {
    setPrefs((p) => {
      const next = { ...p, ...patch };
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        // Not remembered; still applied.
      }
      return next;
    });
  }, []);
  return [prefs, update];
}
