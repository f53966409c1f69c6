/**
 * The only bridge between the sandboxed page and the rest of the app: `window.studio`.
 * It carries envelopes (typed by src/shared/envelope.ts) and nothing else: no Node, no ipcRenderer,
 * no event objects leak into the page. Built as CommonJS (index.cjs), as sandboxed preloads must be.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { AdbChoice } from '../../src/shared/api/devices';
import { isEnvelope, type Envelope } from '../../src/shared/envelope';
import { IPC_CHANNELS } from '../ipc-channels';

/** Same shape as StudioBridge in src/renderer/api/bridge.ts (the renderer's view of it). */
export interface StudioPreloadBridge {
  call(envelope: Envelope): Promise<Envelope>;
  on(listener: (envelope: Envelope) => void): () => void;
  pathForFile(file: File): string;
  pickDirectory(): Promise<string | null>;
  adbProgram(action: 'choose' | 'automatic'): Promise<AdbChoice>;
}

const bridge: StudioPreloadBridge = {
  call(envelope) {
    if (!isEnvelope(envelope) || envelope.kind !== 'call') {
      return Promise.reject(new TypeError('window.studio.call takes a call envelope'));
    }
    // Copy only the four fields: nothing else the page attached travels to the main process.
    const { kind, id, name, payload } = envelope;
    return ipcRenderer.invoke(IPC_CHANNELS.call, { kind, id, name, payload }) as Promise<Envelope>;
  },
  on(listener) {
    if (typeof listener !== 'function') throw new TypeError('window.studio.on takes a function');
    const forward = (_event: IpcRendererEvent, envelope: unknown): void => {
      if (isEnvelope(envelope) && envelope.kind === 'event') listener(envelope);
    };
    ipcRenderer.on(IPC_CHANNELS.event, forward);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.event, forward);
    };
  },
  pathForFile(file) {
    // Empty string for files that do not come from disk (e.g. made in the page).
    return webUtils.getPathForFile(file);
  },
  pickDirectory() {
    return ipcRenderer.invoke(IPC_CHANNELS.pickDirectory) as Promise<string | null>;
  },
  adbProgram(action) {
    // Only the word travels; the main process ignores anything else and shows its own dialog.
    return ipcRenderer.invoke(IPC_CHANNELS.adbProgram, action === 'automatic' ? 'automatic' : 'choose') as Promise<AdbChoice>;
  },
};

contextBridge.exposeInMainWorld('studio', bridge);
