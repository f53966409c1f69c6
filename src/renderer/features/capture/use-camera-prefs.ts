import { useCallback, useState } from 'react';
import { loadCameraPrefs, saveCameraPrefs, type CameraPrefs } from './camera-prefs';

/** The remembered camera settings, saved on every change. */
export function useCameraPrefs(): [CameraPrefs, (patch: Partial<CameraPrefs>) => void] {
  const [prefs, setPrefs] = useState<CameraPrefs>(loadCameraPrefs);
  const update = useCallback((patch: Partial<CameraPrefs>) => {
    setPrefs((p) => {
      const next = { ...p, ...patch };
      saveCameraPrefs(next);
      return next;
    });
  }, []);
  return [prefs, update];
}
