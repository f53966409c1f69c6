// Loads the built main process (out/main/index.js) against the Electron stand-in, drives it the
// way the page and Electron would, and prints one JSON object with what happened.
// Usage: node --import ./register.mjs drive-main.mjs <repo root> <photo> [<photo>...]
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, ...photos] = process.argv.slice(2);
const { recorded, app } = await import('./electron.mjs');
await import(pathToFileURL(path.join(root, 'out', 'main', 'index.js')).href);
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
while (recorded.windows.length === 0) await wait(20);

const win = recorded.windows[0];
const serve = recorded.handlers['protocol:app'];
const call = recorded.handlers['ipc:studio:call'];
const fromPage = { sender: { id: win.webContents.id }, senderFrame: { url: win.url, parent: null } };
const fromElsewhere = { sender: { id: 999 }, senderFrame: { url: 'https://example.com/', parent: null } };
let id = 0;
const ask = (name, payload = null) => call(fromPage, { kind: 'call', id: ++id, name, payload });
const status = async (url) => (await serve({ url, method: 'GET' })).status;

const out = { url: win.url, webPreferences: win.options.webPreferences, schemes: recorded.schemes };
const page = await serve({ url: win.url, method: 'GET' });
out.page = { status: page.status, csp: page.headers.get('content-security-policy'), html: (await page.text()).includes('<div id="root">') };

const project = await ask('createProject', { name: 'Bundle', languages: ['en', 'fr'] });
out.project = project;
const deck = (await ask('createDeck', { name: 'Fruits' })).payload;
const apple = (await ask('createClass', { deckId: deck.id, key: 'apple' })).payload;
await ask('startImport', { deckId: deck.id, classId: apple.id, sources: photos.map((p) => ({ path: p })) });
for (let i = 0; i < 300 && !recorded.sent.some((s) => s.payload.name === 'job.finished'); i++) await wait(50);
out.events = recorded.sent.map((s) => `${s.channel} ${s.payload.name}`);
const sha = (await ask('listPhotos', { deckId: deck.id })).payload[0]?.sha256;
out.media = {
  thumb: await status(`app://media/thumbs/${sha}.webp`),
  blob: await status(`app://media/blobs/${sha}`),
  traversal: [await status('app://media/blobs/..%2f..%2fproject.db'), await status('app://studio/..%2f..%2fpackage.json')],
};
try {
  await call(fromElsewhere, { kind: 'call', id: 1, name: 'getAppInfo', payload: null });
  out.untrusted = 'answered';
} catch (e) {
  out.untrusted = e.message;
}
let camera;
recorded.handlers.permissionRequest(null, 'media', (ok) => (camera = ok), { requestingUrl: win.url, mediaTypes: ['video'] });
let microphone;
recorded.handlers.permissionRequest(null, 'media', (ok) => (microphone = ok), { requestingUrl: win.url, mediaTypes: ['audio'] });
out.permissions = { camera, microphone };
let cancelled;
recorded.handlers.beforeRequest.handler({ url: 'https://example.com/x.js' }, (r) => (cancelled = r.cancel));
out.networkCancelled = cancelled;
const nav = {
  prevented: false,
  preventDefault() {
    this.prevented = true;
  },
};
win.webContents.emit('will-navigate', nav, 'https://example.com/');
out.navigationPrevented = nav.prevented;
out.windowOpen = win.webContents.windowOpenHandler({ url: 'https://example.com/' }).action;

app.quit();
for (let i = 0; i < 100 && !recorded.log.includes('quit'); i++) await wait(50);
out.log = recorded.log;
console.log(JSON.stringify(out));
process.exit(0);
