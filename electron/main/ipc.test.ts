import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../src/shared/envelope';
import { StudioError } from '../../src/shared/errors';

// Electron cannot run here: ipcMain and dialog are stand-ins that record what the manager does.
const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
  dialog: { showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/home/teacher/Fruits.magritte'] })) },
  app: { getVersion: () => '0.0.0' },
}));

const { IpcManager } = await import('./ipc');
const { trustedOrigins } = await import('./security-policy');
type Host = ConstructorParameters<typeof IpcManager>[0];

class FakeWindow extends EventEmitter {
  sent: Array<[string, unknown]> = [];
  webContents: { id: number; send: (channel: string, payload: unknown) => void };
  constructor(id: number) {
    super();
    this.webContents = { id, send: (channel, payload) => this.sent.push([channel, payload]) };
  }
  isDestroyed(): boolean {
    return false;
  }
}

function event(webContentsId: number, url: string | null, topFrame = true) {
  return {
    sender: { id: webContentsId },
    senderFrame: url === null ? null : { url, parent: topFrame ? null : {} },
  };
}

let forwarded: Envelope[];
/** What the main process asked the core to use as adb (only ever the dialog's answer). */
let adbChoices: (string | null)[];
let emit: (e: Envelope) => void;
let win: FakeWindow;

beforeEach(() => {
  handlers.clear();
  forwarded = [];
  adbChoices = [];
  const host = {
    chooseAdbProgram: async (file: string | null) => {
      adbChoices.push(file);
      if (file === '/home/teacher/not-adb') throw new StudioError('ADB_INVALID', 'not adb', 'choose adb');
      return { found: true, path: file, source: file ? 'settings' : 'PATH' };
    },
    forward: async (call: Envelope): Promise<Envelope> => {
      forwarded.push(call);
      return { kind: 'reply', id: call.id, name: call.name, payload: 'ok' };
    },
    onEvent: (listener: (e: Envelope) => void) => {
      emit = listener;
      return () => {};
    },
  } as unknown as Host;
  const manager = new IpcManager(host, trustedOrigins(undefined));
  win = new FakeWindow(7);
  manager.addWindow(win as never);
  manager.attach();
});

const call: Envelope = { kind: 'call', id: 3, name: 'getAppInfo', payload: null };

describe('IpcManager', () => {
  it('forwards a call from the main frame of our window showing app://studio', async () => {
    const answer = await handlers.get('studio:call')!(event(7, 'app://studio/index.html'), call);
    expect(answer).toEqual({ kind: 'reply', id: 3, name: 'getAppInfo', payload: 'ok' });
    expect(forwarded).toEqual([call]);
  });

  it('drops calls from other windows, sub-frames, other origins and gone frames', async () => {
    for (const e of [
      event(8, 'app://studio/index.html'),
      event(7, 'app://studio/index.html', false),
      event(7, 'https://example.com/'),
      event(7, 'file:///home/teacher/evil.html'),
      event(7, null),
    ]) {
      expect(() => handlers.get('studio:call')!(e, call)).toThrow(/Refused/);
    }
    expect(forwarded).toEqual([]);
  });

  it('refuses malformed envelopes and unknown method names before they reach the core', async () => {
    const trusted = event(7, 'app://studio/index.html');
    expect(() => handlers.get('studio:call')!(trusted, { kind: 'reply', id: 1, name: 'getAppInfo', payload: null })).toThrow();
    expect(() => handlers.get('studio:call')!(trusted, 'getAppInfo')).toThrow();
    const unknown = await handlers.get('studio:call')!(trusted, { kind: 'call', id: 4, name: 'constructor', payload: null });
    expect(unknown).toMatchObject({ kind: 'error', id: 4, payload: { code: 'INVALID_ARGUMENT' } });
    expect(forwarded).toEqual([]);
  });

  it('strips anything but the four envelope fields', async () => {
    await handlers.get('studio:call')!(event(7, 'app://studio/'), { ...call, extra: 'x' });
    expect(forwarded[0]).toEqual(call);
  });

  it('sends core events to our windows, and stops once a window is closed', () => {
    const e: Envelope = { kind: 'event', id: 0, name: 'photos.changed', payload: { deckId: 1 } };
    emit(e);
    expect(win.sent).toEqual([['studio:event', e]]);
    win.emit('closed');
    emit(e);
    expect(win.sent).toHaveLength(1);
  });

  it('opens the folder picker only for our window', async () => {
    await expect(handlers.get('studio:pick-directory')!(event(7, 'app://studio/index.html'))).resolves.toBe('/home/teacher/Fruits.magritte');
    expect(() => handlers.get('studio:pick-directory')!(event(9, 'app://studio/index.html'))).toThrow(/Refused/);
  });

  it('chooses the adb program only from its own dialog, whatever the page sends', async () => {
    const { dialog } = await import('electron');
    const pick = vi.mocked(dialog.showOpenDialog);
    const trusted = event(7, 'app://studio/index.html');
    const adb = handlers.get('studio:adb-program')!;
    pick.mockResolvedValueOnce({ canceled: false, filePaths: ['/usr/lib/android-sdk/platform-tools/adb'] });
    await expect(adb(trusted, 'choose')).resolves.toMatchObject({ kind: 'chosen', adb: { path: '/usr/lib/android-sdk/platform-tools/adb' } });
    // A path from the page is not an action: refused before any dialog or core call.
    for (const sent of ['/tmp/evil.sh', { action: 'choose', path: '/tmp/evil.sh' }, null]) {
      await expect(async () => adb(trusted, sent)).rejects.toThrow(/Refused/);
    }
    // Extra arguments are ignored: the path still comes from the dialog.
    pick.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/teacher/not-adb'] });
    await expect(adb(trusted, 'choose', '/tmp/evil.sh')).resolves.toMatchObject({ kind: 'refused', error: { code: 'ADB_INVALID' } });
    pick.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(adb(trusted, 'choose')).resolves.toEqual({ kind: 'cancelled' });
    await expect(adb(trusted, 'automatic')).resolves.toMatchObject({ kind: 'chosen' });
    // Other windows, sub-frames and foreign pages never reach the dialog.
    for (const e of [event(9, 'app://studio/index.html'), event(7, 'app://studio/index.html', false), event(7, 'https://example.com/')]) {
      await expect(async () => adb(e, 'choose')).rejects.toThrow(/Refused/);
    }
    expect(adbChoices).toEqual(['/usr/lib/android-sdk/platform-tools/adb', '/home/teacher/not-adb', null]);
  });
});
