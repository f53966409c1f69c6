/**
 * Camera trouble in words for someone holding the phone: each way a camera fails
 * (camera/camera-failure.ts) with what to do on a phone.
 */
import type { CameraFailure } from '../camera/camera-failure';

export const PHONE_CAMERA_WORDS: Record<CameraFailure, { message: string; fix: string }> = {
  refused: {
    message: 'The camera is blocked for this page.',
    fix: 'Tap the lock or camera sign next to the address, allow the camera, then reload the page.',
  },
  'no-camera': { message: 'This phone has no camera the page can use.', fix: 'Try another phone.' },
  busy: { message: 'Another app is using the camera.', fix: 'Close the camera app (or any video call), then reload the page.' },
  unplugged: { message: 'The camera stopped.', fix: 'Reload the page. If it keeps happening, restart the phone.' },
  unsupported: {
    message: 'This browser does not let the page use the camera here.',
    fix: 'Open the page from the studio with “Open on this phone”, so its address starts with http://localhost.',
  },
  other: { message: 'The camera could not start.', fix: 'Reload the page. If it keeps happening, restart the phone.' },
};
