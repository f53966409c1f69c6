import { app, dialog, type BrowserWindow } from 'electron';
import { isStudioError } from '../../src/shared/errors';

/** The native folder picker; null when the teacher cancels. */
export async function pickDirectory(parent: BrowserWindow | null, title = 'Choose a folder'): Promise<string | null> {
  const options: Electron.OpenDialogOptions = { title, properties: ['openDirectory', 'createDirectory'] };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
}

/** The native file picker for the adb program; null when the teacher cancels. */
export async function pickAdbProgram(parent: BrowserWindow): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Choose the adb program (in Android platform-tools)',
    properties: ['openFile', 'showHiddenFiles', 'dontAddToRecent'],
  };
  const result = await dialog.showOpenDialog(parent, options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
}

/** Shows a StudioError the way the UI does: what went wrong, then what to do. */
export async function showError(parent: BrowserWindow | null, error: unknown): Promise<void> {
  const message = isStudioError(error) ? error.message : 'Something went wrong.';
  const detail = isStudioError(error) ? error.fix : String(error);
  const options: Electron.MessageBoxOptions = { type: 'error', title: 'Magritte Studio', message, detail };
  if (parent) await dialog.showMessageBox(parent, options);
  else await dialog.showMessageBox(options);
}

export async function showAbout(parent: BrowserWindow | null): Promise<void> {
  const options: Electron.MessageBoxOptions = {
    type: 'info',
    title: 'About Magritte Studio',
    message: `Magritte Studio ${app.getVersion()}`,
    detail: 'Build picture-vocabulary models and put them on a phone.',
  };
  if (parent) await dialog.showMessageBox(parent, options);
  else await dialog.showMessageBox(options);
}
