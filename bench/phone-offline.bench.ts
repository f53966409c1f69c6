/**
 * The phone page's offline saving: headless Chromium (a Pixel 7, fake camera playing
 * ../shared/webcam/apple-then-orange.y4m) opens a fruit deck's phone page served by the studio's
 * phone server, waits for "Saved on this phone", then reloads it. Prints, for the first load and for
 * the reload: `phone-saved-first` / `phone-saved-reload` (ms from navigation to "Saved on this
 * phone"), `phone-ready-*` (ms to the model's first word on screen) and `phone-fetched-*` (requests
 * that reached the studio, counted at a proxy in front of it, with the bytes they carried).
 *
 * Before (dde0b45, every load asked the worker to fetch every file again), 2 cores: reload 65
 * requests / 7.1 MB, "Saved" 1.3-2.3 s after the first word (3.7-5.9 s after navigation); first load
 * 127 requests / 13 MB. After (59c65dc): reload 2 requests (the page, and the live model answered
 * 304) / 1 kB, "Saved" 0.14-0.16 s after the first word; first load 66 requests / 6.5 MB.
 */
import fs from 'node:fs';
import os from 'node:os';
import { devices } from 'playwright-core';
import { PhoneServer } from '../src/core/phone-page/phone-server';
import { fruitDeck, trainDeck } from '../src/test-support/train-deck';
import { startCountingProxy } from '../src/test-support/counting-proxy';
import { emit } from './ml-fixtures';
import { benchCore, builtRendererDir, launchWithFruitCamera } from './browser-fixtures';

const PER_CLASS = 8;

async function main(): Promise<void> {
  const rendererDir = builtRendererDir('phone/phone.html');
  const { tmp, core } = benchCore('phone');
  const browser = await launchWithFruitCamera();
  const server = new PhoneServer(core.context, { rendererDir });
  try {
    await core.api.createProject({ name: 'Phone', languages: ['en', 'fr'] });
    const deckId = await fruitDeck(core, 'Fruits', PER_CLASS, ['Apple', 'Orange', 'Dates']);
    await trainDeck(core, deckId);
    const proxy = await startCountingProxy(await server.ensure(0));
    const { defaultBrowserType: _ignored, ...pixel7 } = devices['Pixel 7'];
    const context = await browser.newContext({ ...pixel7, permissions: ['camera'] });
    const page = await context.newPage();
    const extra = { model: 'mobilenet_v1_0.25_224', cpus: os.cpus().length };

    const measure = async (name: string, go: () => Promise<unknown>): Promise<void> => {
      proxy.log.length = 0;
      const started = Date.now();
      await go();
      await page.getByTestId('phone-word').first().waitFor({ timeout: 120_000 });
      const ready = Date.now() - started;
      await page.getByTestId('offline-ready').waitFor({ timeout: 180_000 });
      const saved = Date.now() - started;
      // Let stragglers land before counting.
      await page.waitForTimeout(500);
      const bytes = proxy.log.reduce((s, r) => s + r.bytes, 0);
      emit(`phone-ready-${name}`, ready, 'ms', extra);
      emit(`phone-saved-${name}`, saved, 'ms', extra);
      emit(`phone-fetched-${name}`, proxy.log.length, 'requests', { ...extra, kB: Math.round(bytes / 1024) });
      const perPath = new Map<string, number>();
      for (const r of proxy.log) perPath.set(r.path, (perPath.get(r.path) ?? 0) + 1);
      const repeated = [...perPath].filter(([, n]) => n > 1).length;
      if (process.env.BENCH_VERBOSE) for (const r of proxy.log) process.stderr.write(`  ${r.status} ${r.path} ${r.bytes}\n`);
      process.stderr.write(`${name}: ${proxy.log.length} requests, ${perPath.size} distinct, ${repeated} asked more than once\n`);
    };

    await measure('first', () => page.goto(`http://localhost:${proxy.port}/phone/${deckId}`));
    await measure('reload', () => page.reload());
    await context.close();
    await proxy.close();
  } finally {
    await server.close();
    await browser.close();
    await core.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
