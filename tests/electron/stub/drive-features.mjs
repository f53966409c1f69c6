// Forks the built core (out/main/core-process.js) as Electron's utilityProcess would, imports two
// photos and computes their features, then prints one JSON object: the feature job's result, what
// getMlInfo says the features ran on, and the core's stderr (where a failed worker start is logged).
// Usage: node drive-features.mjs <repo root> <photo> [<photo>...]
import { fork } from 'node:child_process';
import path from 'node:path';

const [root, ...photos] = process.argv.slice(2);
const child = fork(path.join(root, 'out', 'main', 'core-process.js'), [], {
  execArgv: ['--import', new URL('./parent-port.mjs', import.meta.url).pathname],
  stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
});
let stderr = '';
child.stderr.on('data', (d) => (stderr += d));
const replies = new Map();
const finished = [];
child.on('message', (m) => {
  if (m.type !== 'envelope') return;
  const e = m.envelope;
  if (e.kind === 'event' && e.name === 'job.finished') finished.push(e.payload);
  else if (e.kind !== 'event') replies.get(e.id)?.(e);
});
let id = 0;
const ask = (name, payload = null) =>
  new Promise((resolve, reject) => {
    const n = ++id;
    replies.set(n, (e) => (e.kind === 'error' ? reject(new Error(`${name}: ${e.payload.message}`)) : resolve(e.payload)));
    child.send({ type: 'call', envelope: { kind: 'call', id: n, name, payload } });
  });
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const job = async (jobId) => {
  for (let i = 0; i < 2400; i++) {
    const done = finished.find((f) => f.jobId === jobId);
    if (done) return done;
    await wait(50);
  }
  throw new Error(`job ${jobId} did not finish`);
};

const out = {};
try {
  await ask('createProject', { name: 'Workers', languages: ['en'] });
  const deck = await ask('createDeck', { name: 'Fruits' });
  const apple = await ask('createClass', { deckId: deck.id, key: 'apple' });
  await job((await ask('startImport', { deckId: deck.id, classId: apple.id, sources: photos.map((p) => ({ path: p })) })).jobId);
  out.features = (await job((await ask('startFeatureExtraction', { deckId: deck.id })).jobId)).result;
  out.ml = await ask('getMlInfo');
} catch (e) {
  out.error = e.message;
}
child.send({ type: 'shutdown' });
await new Promise((resolve) => child.on('exit', resolve));
out.stderr = stderr;
process.stdout.write(`${JSON.stringify(out)}\n`);
