/**
 * The ways a camera fails, read from what browsers report (DOMException names, or a TypeError where
 * the page may not use cameras at all). The studio and the phone page each word them for their
 * reader (features/capture/camera-problems.ts, phone/camera-words.ts); this is the one place that
 * decides which case a browser error is.
 */
export type CameraFailure = 'no-camera' | 'refused' | 'busy' | 'unplugged' | 'unsupported' | 'other';

export function cameraFailureOf(error: unknown): CameraFailure {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-camera';
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'refused';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'other';
  }
}
