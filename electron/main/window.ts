import { BrowserWindow } from 'electron';

export interface WindowOptions {
  /** out/preload/index.cjs */
  preload: string;
  /** app://studio/index.html, or the Vite dev server in development. */
  url: string;
  icon?: string;
}

/** The studio's main window; shown once its first paint is ready so it never flashes white. */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Magritte Studio',
    backgroundColor: '#fafafa',
    icon: options.icon,
    // Spelled out here, not spread from a constant, so reviewers and electronegativity see each one.
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A photo dropped outside the drop zone must not replace the studio with file://...
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.url);
  return win;
}
