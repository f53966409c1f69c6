/** The camera settings a teacher picked last time, kept in this browser (localStorage). */
export interface CameraPrefs {
  deviceId: string | null;
  mirror: boolean;
  /** Photos per second while the record button is held (2-10). */
  rate: number;
  /** Count down 3 seconds before a single shot. */
  countdown: boolean;
}

const KEY = 'magritte.camera';
export const DEFAULT_PREFS: CameraPrefs = { deviceId: null, mirror: true, rate: 5, countdown: false };
export const MIN_RATE = 2;
export const MAX_RATE = 10;

export function loadCameraPrefs(): CameraPrefs {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<CameraPrefs>;
    const rate = Number(raw.rate);
    return {
      deviceId: typeof raw.deviceId === 'string' ? raw.deviceId : null,
      mirror: typeof raw.mirror === 'boolean' ? raw.mirror : DEFAULT_PREFS.mirror,
      rate: Number.isFinite(rate) ? Math.min(MAX_RATE, Math.max(MIN_RATE, Math.round(rate))) : DEFAULT_PREFS.rate,
      countdown: typeof raw.countdown === 'boolean' ? raw.countdown : DEFAULT_PREFS.countdown,
    };
  } catch {
    return { ...DEFAULT_PREFS };
  }
}

export function saveCameraPrefs(prefs: CameraPrefs): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Private windows may refuse storage: the settings just are not remembered.
  }
}
