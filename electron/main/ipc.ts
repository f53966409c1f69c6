import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { isMethodName } from '../../src/shared/api';
import { isEnvelope, type Envelope } from '../../src/shared/envelope';
import type { AdbChoice } from '../../src/shared/api/devices';
import { toErrorPayload, unknownMethodError } from '../../src/shared/errors';
import { IPC_CHANNELS } from '../ipc-channels';
import type { CoreHost } from './core-host';
import { pickAdbProgram, pickDirectory } from './dialogs';
import { isTrustedSender } from './security-policy';

/**
 * The one place IPC enters the main process. Every message must come from the main frame of one of
 * the studio's own windows showing the studio's own page; anything else is dropped (the invoke
 * rejects) and logged. Envelopes are checked for shape and method name before reaching the core.
 */
export class IpcManager {
  private readonly windows = new Map<number, BrowserWindow>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: CoreHost,
    private readonly origins: ReadonlySet<string>,
  ) {}

  addWindow(win: BrowserWindow): void {
    const id = win.webContents.id;
    this.windows.set(id, win);
    win.on('closed', () => this.windows.delete(id));
  }

  attach(): void {
    ipcMain.handle(IPC_CHANNELS.call, (event, raw: unknown) => {
      this.assertTrusted(event, IPC_CHANNELS.call);
      if (!isEnvelope(raw) || raw.kind !== 'call') throw new Error('Refused: not a call envelope');
      if (!isMethodName(raw.name)) {
        const refused: Envelope = {
          kind: 'error',
          id: raw.id,
          name: raw.name,
          payload: unknownMethodError(raw.name).toPayload(),
        };
        return refused;
      }
      return this.host.forward({ kind: 'call', id: raw.id, name: raw.name, payload: raw.payload });
    });
    ipcMain.handle(IPC_CHANNELS.pickDirectory, (event) => {
      const win = this.assertTrusted(event, IPC_CHANNELS.pickDirectory);
      return pickDirectory(win);
    });
    // Only a word from the page ('choose' or 'automatic'): the path comes from the dialog shown here.
    ipcMain.handle(IPC_CHANNELS.adbProgram, async (event, action: unknown): Promise<AdbChoice> => {
      const win = this.assertTrusted(event, IPC_CHANNELS.adbProgram);
      if (action !== 'choose' && action !== 'automatic') throw new Error('Refused: not an adb program action');
      const file = action === 'choose' ? await pickAdbProgram(win) : null;
      if (action === 'choose' && file === null) return { kind: 'cancelled' };
      try {
        return { kind: 'chosen', adb: await this.host.chooseAdbProgram(file) };
      } catch (e) {
        return { kind: 'refused', error: toErrorPayload(e) };
      }
    });
    this.unsubscribe = this.host.onEvent((envelope) => {
      for (const win of this.windows.values()) {
        if (!win.isDestroyed()) win.webContents.send(IPC_CHANNELS.event, envelope);
      }
    });
  }

  detach(): void {
    ipcMain.removeHandler(IPC_CHANNELS.call);
    ipcMain.removeHandler(IPC_CHANNELS.pickDirectory);
    ipcMain.removeHandler(IPC_CHANNELS.adbProgram);
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Returns the sender's window, or throws (which rejects the renderer's invoke). */
  private assertTrusted(event: IpcMainInvokeEvent, channel: string): BrowserWindow {
    const frame = event.senderFrame;
    const sender = {
      webContentsId: event.sender.id,
      frameUrl: frame ? frame.url : null,
      isMainFrame: frame !== null && frame.parent === null,
    };
    const win = this.windows.get(event.sender.id);
    if (!win || !isTrustedSender(sender, new Set(this.windows.keys()), this.origins)) {
      console.warn(`[main] dropped IPC on ${channel} from an untrusted sender (${sender.frameUrl ?? 'no frame'})`);
      throw new Error('Refused: not sent by a studio window');
    }
    return win;
  }
}
