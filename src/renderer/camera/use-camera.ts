import { useCallback, useEffect, useRef, useState } from 'react';
import { cameraFailureOf, type CameraFailure } from './camera-failure';

export interface CameraDevice {
  deviceId: string;
  label: string;
}

export interface Camera {
  /** Attach to the <video> that shows the preview. */
  videoRef: (el: HTMLVideoElement | null) => void;
  video: HTMLVideoElement | null;
  /** True once frames are flowing. */
  ready: boolean;
  /** Why the camera is not running, or null while it starts or runs. */
  failure: CameraFailure | null;
  devices: CameraDevice[];
  /** The camera in use (its deviceId), when known. */
  activeDeviceId: string | null;
  retry(): void;
}

async function listCameras(): Promise<CameraDevice[]> {
  const all = await navigator.mediaDevices.enumerateDevices();
  return all.filter((d) => d.kind === 'videoinput').map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

export interface CameraRequest {
  /** A chosen camera; null or absent means the system's default (or `facing`). */
  deviceId?: string | null;
  /** Which way the camera should face when none is chosen: a phone wants its back camera. */
  facing?: 'user' | 'environment';
  /** The picture size to ask for; the camera gives what it can. */
  ideal?: { width: number; height: number };
  /** False keeps the camera off (its light too). */
  enabled?: boolean;
}

const STUDIO_SIZE = { width: 1280, height: 720 };

/**
 * Opens a camera while the component is shown and closes it when it goes (the light turns off).
 * One hook for the studio's camera panels and the phone page. Unplugging mid-session ends the
 * track: that becomes a failure with a Try again, like a refused or busy camera; nothing else of
 * the page is affected.
 */
export function useCamera({ deviceId = null, facing, ideal = STUDIO_SIZE, enabled = true }: CameraRequest = {}): Camera {
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [ready, setReady] = useState(false);
  const [failure, setFailure] = useState<CameraFailure | null>(null);
  const [devices, setDevices] = useState<CameraDevice[]>([]);
  const [attempt, setAttempt] = useState(0);
  const streamRef = useRef<MediaStream | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    setFailure(null);
    setReady(false);
    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) throw new TypeError('no mediaDevices');
      const size = { width: { ideal: ideal.width }, height: { ideal: ideal.height } };
      const video: MediaTrackConstraints = deviceId
        ? { deviceId: { exact: deviceId }, ...size }
        : { ...size, ...(facing ? { facingMode: { ideal: facing } } : {}) };
      let s: MediaStream;
      try {
        s = await navigator.mediaDevices.getUserMedia({ video, audio: false });
      } catch (e) {
        // A remembered camera that is gone: fall back to any camera rather than fail.
        const gone = ['OverconstrainedError', 'NotFoundError'].includes((e as DOMException).name);
        if (!deviceId || !gone) throw e;
        s = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
      }
      if (cancelled) {
        s.getTracks().forEach((t) => t.stop());
        return;
      }
      const track = s.getVideoTracks()[0];
      track?.addEventListener('ended', () => {
        if (streamRef.current === s) {
          setReady(false);
          setFailure('unplugged');
        }
      });
      streamRef.current = s;
      setStream(s);
      // Labels are only visible once permission is granted: list the cameras now.
      setDevices(await listCameras().catch(() => []));
    })().catch((e: unknown) => {
      if (!cancelled) setFailure(cameraFailureOf(e));
    });
    return () => {
      cancelled = true;
      streamRef.current?.getTracks().forEach((t) => t.stop());
      streamRef.current = null;
      setStream(null);
    };
    // The size is compared by value: callers pass a fresh object each render.
  }, [deviceId, facing, ideal.width, ideal.height, enabled, attempt]);

  useEffect(() => {
    if (!video) return;
    video.srcObject = stream;
    if (!stream) return;
    const onPlaying = () => setReady(true);
    video.addEventListener('playing', onPlaying);
    video.play().catch(() => undefined);
    return () => video.removeEventListener('playing', onPlaying);
  }, [video, stream]);

  useEffect(() => {
    const md = navigator.mediaDevices;
    if (!md?.addEventListener) return;
    const onChange = () => void listCameras().then(setDevices, () => undefined);
    md.addEventListener('devicechange', onChange);
    return () => md.removeEventListener('devicechange', onChange);
  }, []);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  const activeDeviceId = stream?.getVideoTracks()[0]?.getSettings().deviceId ?? null;
  return { videoRef: setVideo, video, ready, failure, devices, activeDeviceId, retry };
}
