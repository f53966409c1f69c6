/**
 * What went wrong with the camera, in words a teacher can act on. Browsers report camera trouble
 * as DOMException names; each gets a plain message and what to do about it.
 */
export type CameraProblemKind = 'no-camera' | 'refused' | 'busy' | 'unplugged' | 'unsupported' | 'other';

export interface CameraProblem {
  kind: CameraProblemKind;
  message: string;
  fix: string;
}

export const UNPLUGGED: CameraProblem = {
  kind: 'unplugged',
  message: 'The camera stopped: it was unplugged or switched off.',
  fix: 'Plug the camera back in (or turn it on), then press Try again.',
};

export function cameraProblemOf(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return {
        kind: 'no-camera',
        message: 'No camera was found on this computer.',
        fix: 'Plug in a webcam (or open the laptop lid), then press Try again.',
      };
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return {
        kind: 'refused',
        message: 'The studio is not allowed to use the camera.',
        fix: 'Allow the camera: click the camera icon in the address bar (or your system’s privacy settings) and choose Allow, then press Try again.',
      };
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return {
        kind: 'busy',
        message: 'The camera is busy: another program is using it.',
        fix: 'Close the other program that uses the camera (a video call, say), then press Try again.',
      };
    case 'TypeError':
      return {
        kind: 'unsupported',
        message: 'This window cannot use a camera.',
        fix: 'Open the studio at http://127.0.0.1 (not another address), or use the desktop app.',
      };
    default:
      return {
        kind: 'other',
        message: 'The camera could not be started.',
        fix: 'Check that the camera is plugged in and not used by another program, then press Try again.',
      };
  }
}
