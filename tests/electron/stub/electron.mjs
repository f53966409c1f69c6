// A stand-in for the parts of Electron's main-process API that out/main/index.js uses. It records
// what the app registers (protocol handler, IPC handlers, permission handlers, windows) so a test
// can drive them, and forks the real core-process.js as Node's fork() in place of utilityProcess.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';

export const recorded = { log: [], handlers: {}, sent: [], windows: [] };
const appEvents = new EventEmitter();
let markReady;
const ready = new Promise((resolve) => (markReady = resolve));
setTimeout(() => markReady(), 0);

export const app = {
  isPackaged: true,
  enableSandbox: () => recorded.log.push('enableSandbox'),
  requestSingleInstanceLock: () => true,
  on: (event, listener) => appEvents.on(event, listener),
  whenReady: () => ready,
  isReady: () => true,
  getAppPath: () => process.cwd(),
  getVersion: () => '0.0.0',
  quit: () => {
    let prevented = false;
    appEvents.emit('before-quit', { preventDefault: () => (prevented = true) });
    recorded.log.push(prevented ? 'quit deferred' : 'quit');
  },
  exit: (code) => recorded.log.push(`exit ${code}`),
};

export const protocol = { registerSchemesAsPrivileged: (schemes) => (recorded.schemes = schemes) };

export const session = {
  defaultSession: {
    protocol: { handle: (scheme, handler) => (recorded.handlers[`protocol:${scheme}`] = handler) },
    setPermissionRequestHandler: (handler) => (recorded.handlers.permissionRequest = handler),
    setPermissionCheckHandler: (handler) => (recorded.handlers.permissionCheck = handler),
    setDevicePermissionHandler: (handler) => (recorded.handlers.devicePermission = handler),
    webRequest: { onBeforeRequest: (filter, handler) => (recorded.handlers.beforeRequest = { filter, handler }) },
  },
};

export const ipcMain = {
  handle: (channel, handler) => (recorded.handlers[`ipc:${channel}`] = handler),
  removeHandler: (channel) => delete recorded.handlers[`ipc:${channel}`],
};

let nextId = 1;
export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return recorded.windows;
  }
  static getFocusedWindow() {
    return recorded.windows[0] ?? null;
  }
  constructor(options) {
    super();
    this.options = options;
    const contents = new EventEmitter();
    Object.assign(contents, {
      id: nextId++,
      send: (channel, payload) => recorded.sent.push({ channel, payload }),
      reload: () => recorded.log.push('reload'),
      setWindowOpenHandler: (handler) => (contents.windowOpenHandler = handler),
    });
    this.webContents = contents;
    recorded.windows.push(this);
    appEvents.emit('web-contents-created', {}, contents);
  }
  loadURL(url) {
    this.url = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
}

export const Menu = { buildFromTemplate: (template) => ({ template }), setApplicationMenu: (menu) => (recorded.menu = menu) };
export const shell = { openExternal: async (url) => recorded.log.push(`openExternal ${url}`), openPath: async () => '' };
export const dialog = { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showMessageBox: async () => ({}) };

export const utilityProcess = {
  fork(entry, args, options) {
    recorded.log.push(`fork ${options.serviceName}`);
    const child = fork(entry, args, { execArgv: ['--import', new URL('./parent-port.mjs', import.meta.url).pathname] });
    const events = new EventEmitter();
    child.on('message', (message) => events.emit('message', message));
    child.on('exit', (code) => events.emit('exit', code ?? 0));
    return { postMessage: (message) => child.send(message), on: (event, listener) => events.on(event, listener), kill: () => child.kill('SIGKILL') };
  },
};

export default { app, protocol, session, ipcMain, BrowserWindow, Menu, shell, dialog, utilityProcess };
