/**
 * Which engine should the window's live test run the base network on? In headless Chromium (no GPU,
 * as the live bench runs; a window without a graphics card runs the same way), the base network up
 * to its pooled features, one 224x224 photo at a time, after a warm-up:
 * - window-features-tfjs: TF.js with the wasm backend, as the window runs it today (SIMD, one
 *   thread: the studio's pages are not cross-origin isolated);
 * - window-features-tflite: @tensorflow/tfjs-tflite (XNNPACK, SIMD, one thread) with the feature
 *   .tflite the core writes, and its ratio to TF.js;
 * - window-tflite-under-csp: 1 if TensorFlow Lite's runtime starts under the studio's own
 *   Content-Security-Policy, 0 if not (with the browser's reason). Its Emscripten bindings build
 *   functions with `new Function`, which needs 'unsafe-eval'; the studio allows 'wasm-unsafe-eval' only.
 * Both engines' files are served from this machine (no CDN), by a small server of this bench only.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { BUILTIN_BASE_MODELS } from '../src/core/ml/base-models/base-model-catalog';
import { buildFeatureTflite } from '../src/core/ml/features/feature-tflite';
import { CONTENT_SECURITY_POLICY } from '../src/web/csp';
import { emit, MODELS, ROOT } from './ml-fixtures';

const ENTRY = BUILTIN_BASE_MODELS[0];
const RUNS = 30;
const TF = path.join(ROOT, 'node_modules/@tensorflow');

/** Runs in the page (plain JavaScript, served as a file): times both engines, result in window.result. */
const PAGE_SCRIPT = `
const SIZE = ${ENTRY.inputSize}, RUNS = ${RUNS};
async function time(run) {
  for (let i = 0; i < 3; i++) await run();
  const t0 = performance.now();
  for (let i = 0; i < RUNS; i++) await run();
  return (performance.now() - t0) / RUNS;
}
async function main() {
  const input = tf.randomUniform([1, SIZE, SIZE, 3], -1, 1);
  tf.wasm.setWasmPaths('/tfjs-wasm/');
  await tf.setBackend('wasm');
  const base = await tf.loadLayersModel('/model/model.json');
  const cut = tf.model({ inputs: base.inputs, outputs: base.getLayer(${JSON.stringify(ENTRY.featureLayer)}).output });
  const tfjsMs = await time(async () => { const y = tf.tidy(() => cut.predict(input).mean([1, 2])); await y.data(); y.dispose(); });
  tflite.setWasmPath('/tflite-wasm/');
  const lite = await tflite.loadTFLiteModel('/features.tflite', { numThreads: 1 });
  const tfliteMs = await time(async () => { const y = lite.predict(input); await y.data(); y.dispose(); });
  window.result = { tfjsMs, tfliteMs, simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'), isolated: self.crossOriginIsolated };
}
main().catch((e) => { window.result = { error: String(e && e.stack || e) }; });
`;

/** Under the studio's policy: does TensorFlow Lite's runtime start? The answer goes to the title. */
const CSP_SCRIPT = `
tflite.setWasmPath('/tflite-wasm/');
tflite.loadTFLiteModel('/features.tflite', { numThreads: 1 })
  .then(() => { document.title = 'started'; })
  .catch((e) => { document.title = 'failed: ' + String(e && e.message || e).slice(0, 200); });
`;

const page = (scripts: string[]) =>
  `<!doctype html><html><head><title>loading</title>${scripts.map((s) => `<script src="${s}"></script>`).join('')}</head><body></body></html>`;

function serve(featureTflite: Uint8Array): Promise<http.Server> {
  const files: Record<string, string> = {
    '/tf.min.js': path.join(TF, 'tfjs/dist/tf.min.js'),
    '/tf-backend-wasm.min.js': path.join(TF, 'tfjs-backend-wasm/dist/tf-backend-wasm.min.js'),
    '/tf-tflite.min.js': path.join(TF, 'tfjs-tflite/dist/tf-tflite.min.js'),
  };
  const dirs: Record<string, string> = {
    '/tfjs-wasm/': path.join(TF, 'tfjs-backend-wasm/dist'),
    '/tflite-wasm/': path.join(TF, 'tfjs-tflite/wasm'),
    '/model/': path.join(MODELS, ENTRY.id),
  };
  const libs = ['/tf.min.js', '/tf-backend-wasm.min.js', '/tf-tflite.min.js'];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (body: string | Uint8Array, type: string, headers: Record<string, string> = {}) => {
      res.writeHead(200, { 'Content-Type': type, ...headers });
      res.end(body);
    };
    if (url === '/') return send(page([...libs, '/bench.js']), 'text/html');
    if (url === '/csp') return send(page([...libs, '/csp.js']), 'text/html', { 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
    if (url === '/bench.js') return send(PAGE_SCRIPT, 'text/javascript');
    if (url === '/csp.js') return send(CSP_SCRIPT, 'text/javascript');
    if (url === '/features.tflite') return send(featureTflite, 'application/octet-stream');
    const prefix = Object.keys(dirs).find((p) => url.startsWith(p));
    const file = files[url] ?? (prefix ? path.join(dirs[prefix], path.basename(url)) : null);
    if (!file || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream';
    send(fs.readFileSync(file), type);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const server = await serve(await buildFeatureTflite(path.join(MODELS, ENTRY.id), ENTRY));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const tab = await browser.newPage();
  await tab.goto(`${origin}/`);
  // Expressions as strings: this file is type-checked without the DOM's types.
  await tab.waitForFunction('window.result !== undefined', null, { timeout: 300_000 });
  const r = (await tab.evaluate('window.result')) as { tfjsMs: number; tfliteMs: number; simd: boolean; isolated: boolean; error?: string };
  if (r.error) throw new Error(r.error);
  emit('window-features-tfjs', r.tfjsMs, 'ms/photo', { engine: 'TF.js wasm', simd: r.simd, crossOriginIsolated: r.isolated, runs: RUNS });
  emit('window-features-tflite', r.tfliteMs, 'ms/photo', {
    engine: 'tfjs-tflite XNNPACK, 1 thread',
    speedupOverTfjs: Number((r.tfjsMs / r.tfliteMs).toFixed(2)),
    runs: RUNS,
  });
  const csp = await browser.newPage();
  await csp.goto(`${origin}/csp`);
  // Polled from outside: the page's policy is the point, so nothing is evaluated in it.
  let title = 'loading';
  for (const until = Date.now() + 120_000; title === 'loading' && Date.now() < until; await new Promise((r) => setTimeout(r, 500))) {
    title = await csp.title();
  }
  emit('window-tflite-under-csp', title === 'started' ? 1 : 0, 'started', { policy: CONTENT_SECURITY_POLICY, outcome: title });
} finally {
  await browser.close();
  server.close();
}
