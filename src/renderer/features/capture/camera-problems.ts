/**
 * Camera trouble in words a teacher at a computer can act on: each way a camera fails
 * (camera/camera-failure.ts) gets a plain message and what to do about it.
 */
import type { CameraFailure } from '../../camera/camera-failure';

export interface CameraProblem {
  kind: CameraFailure;
  message: string;
  fix: string;
}

const WORDS: Record<CameraFailure, Omit<CameraProblem, 'kind'>> = {
  'no-camera': {
    message: 'No camera was found on this computer.',
    fix: 'Plug in a webcam (or open the laptop lid), then press Try again.',
  },
  refused: {
    message: 'The studio is not allowed to use the camera.',
    fix: 'Allow the camera: click the camera icon in the address bar (or your system’s privacy settings) and choose Allow, then press Try again.',
  },
  busy: {
    message: 'The camera is busy: another program is using it.',
    fix: 'Close the other program that uses the camera (a video call, say), then press Try again.',
  },
  unplugged: {
    message: 'The camera stopped: it was unplugged or switched off.',
    fix: 'Plug the camera back in (or turn it on), then press Try again.',
  },
  unsupported: {
    message: 'This window cannot use a camera.',
    fix: 'Open the studio at http://127.0.0.1 (not another address), or use the desktop app.',
  },
  other: {
    message: 'The camera could not be started.',
    fix: 'Check that the camera is plugged in and not used by another program, then press Try again.',
  },
};

export function cameraProblem(kind: CameraFailure): CameraProblem {
  return { kind, ...WORDS[kind] };
}
