/**
 * The live Test screen's speed: headless Chromium (fake camera playing
 * ../shared/webcam/apple-then-orange.y4m) on the Test tab of a deck trained on ../shared/data/fruits
 * with MobileNet v1 0.25, against the browser host. Prints `live-fps` (frames classified per
 * second), `live-latency-median` and `live-latency-p95` (ms from grabbing a frame to its answer),
 * as the screen itself measures them over its last 60 frames. Targets: >= 15 frames/s, p95 < 80 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { ImportReport } from '../src/shared/domain';
import { waitForJob } from '../src/test-support/test-core';
import { FRUIT_CLASSES, fruitSources } from '../src/test-support/fruits';
import { startWebHost } from '../src/web/web-host';
import { emit } from './ml-fixtures';
import { benchCore, builtRendererDir, launchWithFruitCamera } from './browser-fixtures';

const PER_CLASS = 15;
const WARM_UP_MS = 5000;
const SAMPLES = 3;
const SAMPLE_EVERY_MS = 4000;

async function main(): Promise<void> {
  const rendererDir = builtRendererDir();
  const { tmp, core } = benchCore('live');
  const browser = await launchWithFruitCamera();
  try {
    await core.api.createProject({ name: 'Live', languages: ['en', 'fr'] });
    const deck = await core.api.createDeck({ name: 'Fruits' });
    const sources = fruitSources(FRUIT_CLASSES, 0, PER_CLASS);
    const report = await waitForJob<ImportReport>(core, (await core.api.startImport({ deckId: deck.id, sources })).jobId);
    if (report.imported !== sources.length) throw new Error(`imported ${report.imported} of ${sources.length}`);
    await waitForJob(core, (await core.api.startTraining({ deckId: deck.id })).jobId);

    const host = await startWebHost({ core, rendererDir, port: 0 });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${host.url}#/deck/${deck.id}/test`);
    const stats = page.getByTestId('live-stats');
    await page.getByTestId('live-backend').waitFor({ state: 'attached', timeout: 120_000 });
    // First answers in (polled from outside: the page's CSP forbids evaluating strings in it).
    const until = Date.now() + 60_000;
    while (!(Number(await stats.getAttribute('data-fps')) > 0)) {
      if (Date.now() > until) throw new Error('The Test tab classified no frame in 60 s');
      await page.waitForTimeout(200);
    }
    await page.waitForTimeout(WARM_UP_MS);
    const backend = await page.getByTestId('live-backend').getAttribute('data-backend');
    type Sample = { fps: number; median: number; p95: number; prepare: number };
    const read = async (): Promise<Sample> => ({
      fps: Number(await stats.getAttribute('data-fps')),
      median: Number(await stats.getAttribute('data-latency-median')),
      p95: Number(await stats.getAttribute('data-latency-p95')),
      prepare: Number(await stats.getAttribute('data-prepare-median')),
    });
    // A few windows of 60 frames each; the figures are their means.
    const samples: Sample[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      await page.waitForTimeout(SAMPLE_EVERY_MS);
      samples.push(await read());
    }
    const mean = (k: keyof Sample) => samples.reduce((s, x) => s + x[k], 0) / samples.length;
    const extra = { backend, model: 'mobilenet_v1_0.25_224', frames: '640x360', cpus: os.cpus().length };
    emit('live-fps', mean('fps'), 'frames/s', extra);
    emit('live-latency-median', mean('median'), 'ms', { ...extra, prepareMedianMs: Number(mean('prepare').toFixed(2)) });
    emit('live-latency-p95', mean('p95'), 'ms', extra);
    await page.close();
    await host.close();
  } finally {
    await browser.close();
    await core.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
