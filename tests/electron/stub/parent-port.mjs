// Plays Electron's process.parentPort over Node's fork() IPC, for the core's utilityProcess entry.
const listeners = [];
process.parentPort = {
  postMessage: (message) => process.send(message),
  on: (_event, listener) => listeners.push(listener),
};
process.on('message', (data) => listeners.forEach((listener) => listener({ data })));
