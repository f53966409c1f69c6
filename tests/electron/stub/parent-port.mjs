// Plays Electron's process.parentPort over Node's fork() IPC, for the core's utilityProcess entry.
// Like Electron's port, it holds messages that arrive before anyone listens.
const listeners = [];
const early = [];
process.parentPort = {
  postMessage: (message) => process.send(message),
  on: (_event, listener) => {
    listeners.push(listener);
    for (const data of early.splice(0)) listener({ data });
  },
};
process.on('message', (data) => {
  if (listeners.length === 0) early.push(data);
  else listeners.forEach((listener) => listener({ data }));
});
