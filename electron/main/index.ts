/**
 * Magritte Studio's Electron main process: lifecycle and wiring only. The behaviour lives in the
 * core (src/core), which runs in a utilityProcess; this process keeps windows secure and forwards
 * envelopes between the page and the core.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, Menu, session } from 'electron';
import { CoreHost } from './core-host';
import { utilityProcessSpawner } from './core-host-electron';
import { IpcManager } from './ipc';
import { buildMenu } from './menu';
import { handleAppScheme, registerAppScheme } from './protocol';
import { hardenSession, hardenWebContents } from './security';
import { APP_ENTRY_URL, trustedOrigins } from './security-policy';
import { createMainWindow } from './window';

const here = import.meta.dirname;
const OUT = {
  coreEntry: path.join(here, 'core-process.js'),
  preload: path.join(here, '..', 'preload', 'index.cjs'),
  renderer: path.join(here, '..', 'renderer'),
};
const icon = path.join(app.getAppPath(), 'resources', 'icon.png');

// electron-vite dev serves the page from a loopback Vite server; packaged apps never do.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const origins = trustedOrigins(devServerUrl);
const pageUrl = devServerUrl ?? APP_ENTRY_URL;

// Both must happen before 'ready'.
registerAppScheme();
app.enableSandbox();

const host = new CoreHost(utilityProcessSpawner(OUT.coreEntry));
const ipc = new IpcManager(host, origins);

function studioWindows(): BrowserWindow[] {
  return BrowserWindow.getAllWindows();
}

function openWindow(): BrowserWindow {
  const win = createMainWindow({ preload: OUT.preload, url: pageUrl, icon: fs.existsSync(icon) ? icon : undefined });
  ipc.addWindow(win);
  return win;
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession, origins, devServerUrl !== undefined);
  handleAppScheme(session.defaultSession, () => ({ rendererDir: OUT.renderer, projectDir: host.projectDir }));
  host.start();
  host.onRestart(() => studioWindows().forEach((w) => w.webContents.reload()));
  ipc.attach();
  Menu.setApplicationMenu(
    buildMenu({
      host,
      currentWindow: () => BrowserWindow.getFocusedWindow() ?? studioWindows()[0] ?? null,
      isDev: !app.isPackaged,
    }),
  );
  openWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Two studios on one machine would fight over the same project's database.
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = studioWindows()[0];
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origins));
  app.on('activate', () => {
    if (app.isReady() && studioWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let coreStopped = false;
  app.on('before-quit', (event) => {
    if (coreStopped) return;
    // Let the core finish its write and close SQLite cleanly before the app goes.
    event.preventDefault();
    void host.stop().finally(() => {
      coreStopped = true;
      ipc.detach();
      app.quit();
    });
  });
  start().catch((e: unknown) => {
    console.error('[main] could not start', e);
    app.exit(1);
  });
}
