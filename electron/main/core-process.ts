/**
 * Entry of the core's utilityProcess (forked by core-host-electron.ts). The core does the slow work
 * (SQLite, sharp, TF.js) here so the window never freezes. It never imports electron: it only uses
 * `process.parentPort`, which Electron provides in utility processes.
 */
import { createStudioCore } from '../../src/core/index';
import { serveCore } from './core-server';

const port = process.parentPort;
if (!port) {
  console.error('core-process must be started by Electron utilityProcess.fork');
  process.exit(2);
}

const core = createStudioCore();
void serveCore(port, core).then(() => process.exit(0));
