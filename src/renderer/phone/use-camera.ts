import { useEffect, useState, type RefObject } from 'react';

export type CameraState = { status: 'starting' } | { status: 'on' } | { status: 'error'; message: string; fix: string };

function cameraError(e: unknown): CameraState {
  const name = (e as { name?: string })?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return {
      status: 'error',
      message: 'The camera is blocked for this page.',
      fix: 'Tap the lock or camera sign next to the address, allow the camera, then reload the page.',
    };
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return { status: 'error', message: 'This phone has no camera the page can use.', fix: 'Try another phone.' };
  }
  if (name === 'NotReadableError') {
    return { status: 'error', message: 'Another app is using the camera.', fix: 'Close the camera app (or any video call), then reload the page.' };
  }
  return { status: 'error', message: 'The camera could not start.', fix: 'Reload the page. If it keeps happening, restart the phone.' };
}

/** The phone's back camera ("environment") playing in `video`, stopped when the page goes. */
export function useCamera(video: RefObject<HTMLVideoElement | null>, enabled: boolean): CameraState {
  const [state, setState] = useState<CameraState>({ status: 'starting' });
  useEffect(() => {
    if (!enabled) return;
    if (!navigator.mediaDevices?.getUserMedia) {
      setState({
        status: 'error',
        message: 'This browser does not let the page use the camera here.',
        fix: 'Open the page from the studio with “Open on this phone”, so its address starts with http://localhost.',
      });
      return;
    }
    let stream: MediaStream | null = null;
    let cancelled = false;
    navigator.mediaDevices
      .getUserMedia({ audio: false, video: { facingMode: { ideal: 'environment' }, width: { ideal: 640 }, height: { ideal: 480 } } })
      .then(async (s) => {
        if (cancelled) {
          s.getTracks().forEach((t) => t.stop());
          return;
        }
        stream = s;
        const el = video.current;
        if (!el) return;
        el.srcObject = s;
        await el.play().catch(() => undefined);
        setState({ status: 'on' });
      })
      .catch((e: unknown) => !cancelled && setState(cameraError(e)));
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [video, enabled]);
  return state;
}
