import { Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { CoreHost } from './core-host';
import { pickDirectory, showAbout, showError } from './dialogs';

export interface MenuDeps {
  host: CoreHost;
  /** The window menu actions apply to (the focused studio window, else the first). */
  currentWindow: () => BrowserWindow | null;
  /** Developer tools only in development builds. */
  isDev: boolean;
}

/** Opens a `.magritte` folder chosen in the native picker, then reloads the page to show it. */
async function openProjectFromMenu(deps: MenuDeps): Promise<void> {
  const win = deps.currentWindow();
  const dir = await pickDirectory(win, 'Open a project (a folder ending in .magritte)');
  if (!dir) return;
  try {
    await deps.host.call('openProject', { dir });
    // The page asks the core what is open when it loads: a reload is the simplest honest refresh.
    win?.webContents.reload();
  } catch (e) {
    await showError(win, e);
  }
}

async function showProjectFolder(deps: MenuDeps): Promise<void> {
  const dir = deps.host.projectDir;
  if (!dir) return;
  const failure = await shell.openPath(dir);
  if (failure) console.warn(`[main] could not show ${dir}: ${failure}`);
}

export function buildMenu(deps: MenuDeps): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: () => void openProjectFromMenu(deps) },
        { label: 'Show Project Folder', click: () => void showProjectFolder(deps) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(deps.isDev ? [{ role: 'toggleDevTools' as const }] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'About Magritte Studio', click: () => void showAbout(deps.currentWindow()) }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
