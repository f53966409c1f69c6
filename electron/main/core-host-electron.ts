import { utilityProcess } from 'electron';
import type { CoreChild, SpawnCore } from './core-host';

/** Starts the core in an Electron utilityProcess running `entry` (out/main/core-process.js). */
export function utilityProcessSpawner(entry: string): SpawnCore {
  return (): CoreChild => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Magritte Studio core', stdio: 'inherit' });
    return {
      postMessage: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', listener),
      kill: () => {
        child.kill();
      },
    };
  };
}
