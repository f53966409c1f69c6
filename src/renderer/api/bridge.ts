import type { AdbChoice } from '../../shared/api/devices';
import type { Envelope } from '../../shared/envelope';

/**
 * What the Electron preload exposes as `window.studio`. The browser host has no bridge: its absence
 * is how the UI knows to use the WebSocket.
 */
export interface StudioBridge {
  /** Sends a `call` envelope; resolves with the `reply` or `error` envelope. */
  call(envelope: Envelope): Promise<Envelope>;
  /** Subscribes to `event` envelopes; returns an unsubscribe function. */
  on(listener: (envelope: Envelope) => void): () => void;
  /** Absolute path of a dropped or picked file (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string;
  /** Optional native folder dialog; resolves with null when the teacher cancels. */
  pickDirectory?: () => Promise<string | null>;
  /** The desktop app's adb program dialog ('choose'), or back to searching ('automatic'). */
  adbProgram?: (action: 'choose' | 'automatic') => Promise<AdbChoice>;
}

declare global {
  interface Window {
    studio?: StudioBridge;
  }
}

export function getBridge(): StudioBridge | undefined {
  return typeof window === 'undefined' ? undefined : window.studio;
}
