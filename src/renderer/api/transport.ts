import type { Envelope } from '../../shared/envelope';
import type { ImportSource } from '../../shared/domain';
import type { AdbChoice } from '../../shared/api/devices';

/** A file the teacher dropped or picked, with where it sat in what they dropped ("Apple/1.jpg"). */
export interface PickedFile {
  file: File;
  relativePath: string;
}

/** Progress of getting picked files where the core can read them (uploads in the browser). */
export type StageProgress = (done: number, total: number) => void;

/**
 * How the UI reaches the core. Electron uses IPC through the preload's `window.studio`; the browser
 * host uses a WebSocket. Everything above this interface is the same in both.
 */
export interface Transport {
  /** Sends one `call` envelope and resolves with the matching `reply` or `error` envelope. */
  send(call: Envelope): Promise<Envelope>;
  /** Every `event` envelope from the core; returns an unsubscribe function. */
  onEvent(listener: (event: Envelope) => void): () => void;
  /** URL of a photo's thumbnail (WebP) or original, for <img src>. */
  mediaUrl(kind: 'thumb' | 'blob', sha256: string): string;
  /** Makes picked files readable by the core and returns them as import sources. */
  stageFiles(files: PickedFile[], onProgress?: StageProgress, signal?: AbortSignal): Promise<ImportSource[]>;
  /** Asks the OS for a folder, where the shell can (Electron); absent in the browser. */
  pickDirectory?: () => Promise<string | null>;
  /** The desktop app's own adb program dialog (Electron); absent in the browser, where --adb PATH chooses it. */
  adbProgram?: (action: 'choose' | 'automatic') => Promise<AdbChoice>;
  /** 'electron' or 'browser', for the few places where wording differs. */
  readonly mode: 'electron' | 'browser';
}
