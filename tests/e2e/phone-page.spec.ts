import fs from 'node:fs';
import path from 'node:path';
import { chromium, devices, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, test } from '@playwright/test';
import { makeFruitProject } from './support/fruit-deck';
import { ARTIFACTS, SHARED } from './support/paths';
import { startDeploySetup, type DeploySetup } from './support/deploy-setup';
import { quietDeck } from './support/quiet-deck';
import { recordSpeech } from './support/speech';
import { CHROMIUM_ARGS, CHROMIUM_PATH, fakeCameraArgs } from '../../src/test-support/chromium';
import { startCountingProxy, type CountingProxy } from '../../src/test-support/counting-proxy';
import type { TrainingRunResult } from '../../src/shared/api/training';

/**
 * The deck's phone page as a phone shows it: opened through "Open on phone" (adb reverse + am start
 * on an emulated phone), then loaded in Chromium emulating a Pixel 7 whose camera plays
 * ../shared/webcam/apple-then-orange.y4m. The model was trained on ../shared/data/fruits.
 */
test.describe.configure({ mode: 'serial' });

const FAKE_CAMERA = path.join(SHARED, 'webcam/apple-then-orange.y4m');

let setup: DeploySetup;
let deckId: number;
let url: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** In front of the studio's phone page: what the phone really fetched from the studio. */
let proxy: CountingProxy | null = null;

async function snapPhone(name: string): Promise<void> {
  await page.evaluate('document.fonts.ready');
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  await test.info().attach(name, { path: file, contentType: 'image/png' });
}

const word = () => page.getByTestId('phone-word');

test.beforeAll(async () => {
  test.setTimeout(180_000);
  setup = await startDeploySetup('phone-page');
  const phone = await setup.phone({ model: 'Pixel 7' });
  await setup.adb.attach(phone);
  ({ deckId } = await makeFruitProject(setup.studio, { name: 'Phone page', export: false }));
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...fakeCameraArgs(FAKE_CAMERA)],
  });
  const { defaultBrowserType: _ignored, ...pixel7 } = devices['Pixel 7'];
  context = await browser.newContext({ ...pixel7, permissions: ['camera'] });
  await recordSpeech(context);
  page = await context.newPage();
});

test.afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await setup?.stop();
});

test('"Open on phone" points the phone at the page through adb reverse', async () => {
  const phone = setup.phones[0];
  const opened = await setup.studio.api.openOnPhone({ deckId });
  url = opened.url;
  expect(url).toBe(`http://localhost:${setup.phonePort}/phone/${deckId}`);
  expect(phone.amLog.at(-1)?.join(' ')).toContain(url);
  // What the phone's browser reaches at its own localhost: the tunnel ends at the studio's page.
  const tunnel = phone.reversePort(setup.phonePort);
  expect(tunnel).not.toBeNull();
  const res = await fetch(`http://127.0.0.1:${tunnel}/phone/${deckId}/live-model.json`);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { labels: string[] }).labels).toContain('Apple');
});

test('shows the word for the apple, then for the orange, in big type', async () => {
  test.setTimeout(120_000);
  await page.goto(url);
  // The first language pupils learn comes first: French.
  await expect(page.getByRole('button', { name: 'Français' })).toHaveAttribute('aria-pressed', 'true');
  await expect(word()).toHaveAttribute('data-key', 'Apple', { timeout: 60_000 });
  await expect(word()).toHaveText('pomme');
  await snapPhone('phone-page-01-apple');
  await expect(word()).toHaveAttribute('data-key', 'Orange', { timeout: 30_000 });
  await expect(word()).toHaveText('orange');
  await snapPhone('phone-page-02-orange');
});

test('switches language and says each new word aloud once it holds', async () => {
  await page.getByRole('button', { name: /Tap to hear/ }).click();
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(word()).toHaveText(/^(manzana|naranja)$/, { timeout: 30_000 });
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as { __spoken: string[] }).__spoken), { timeout: 30_000 })
    .toEqual(expect.arrayContaining([expect.stringMatching(/^es:(manzana|naranja)$/)]));
  await expect(word()).toHaveAttribute('data-key', 'Apple', { timeout: 30_000 });
  await expect(word()).toHaveText('manzana');
  await snapPhone('phone-page-03-spanish');
});

test('marks a word nobody wrote in the chosen language instead of showing the key as if it were one', async () => {
  const apple = (await setup.studio.api.listClasses({ deckId })).find((c) => c.key === 'Apple')!;
  await setup.studio.api.updateClass({ classId: apple.id, words: { es: '' } });
  try {
    await page.reload();
    await expect(page.getByRole('button', { name: 'Español' })).toHaveAttribute('aria-pressed', 'true');
    await expect(word()).toHaveAttribute('data-key', 'Apple', { timeout: 60_000 });
    await expect(word()).toHaveText('Apple');
    await expect(word()).toHaveAttribute('data-missing', 'true');
    await expect(page.getByTestId('missing-word')).toHaveText('No Spanish word yet');
    await snapPhone('phone-page-03b-missing-word');
    // A word that is written carries no mark.
    await expect(word()).toHaveAttribute('data-key', 'Orange', { timeout: 30_000 });
    await expect(word()).toHaveText('naranja');
    await expect(page.getByTestId('missing-word')).toHaveCount(0);
  } finally {
    await setup.studio.api.updateClass({ classId: apple.id, words: { es: 'manzana' } });
  }
});

test('stays quiet on what its "Nothing I know" was trained on: a calm "…", nothing said', async () => {
  test.setTimeout(300_000);
  // Another deck of the project: Apple and Dates are words, the orange the camera shows is its background.
  const quiet = await quietDeck(setup.studio);
  await page.goto(url.replace(`/phone/${deckId}`, `/phone/${quiet}`));
  await page.getByRole('button', { name: /Tap to hear/ }).click();
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(word()).toHaveAttribute('data-background', 'true', { timeout: 90_000 });
  // Three round dots drawn by the page, not the "…" character: a phone's fallback font may draw
  // that as squares or a missing-glyph box (Debian's Chromium drew three small squares).
  await expect(page.getByRole('img', { name: 'Nothing from the deck' })).toBeVisible();
  await expect(word()).toHaveText('');
  // Measured in one go in the page: the feed loops back to the apple, which replaces the dots.
  const dotShapes = () =>
    word()
      .locator('.dot')
      .evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return {
            round: (globalThis as unknown as { getComputedStyle(e: unknown): { borderRadius: string } }).getComputedStyle(e).borderRadius === '50%',
            wide: r.width >= 8,
            square: Math.abs(r.width - r.height) < 0.5,
          };
        }),
      );
  await expect.poll(dotShapes, { timeout: 30_000 }).toEqual(Array(3).fill({ round: true, wide: true, square: true }));
  await expect(page.getByText('Point at something from the deck.')).toBeVisible();
  await snapPhone('phone-page-03c-nothing-i-know');
  await expect(word()).toHaveAttribute('data-key', 'Apple', { timeout: 30_000 });
  await expect(word()).toHaveText('pomme');
  await expect(word()).not.toHaveAttribute('data-background', 'true');
  // The apple was said; the background never was, in any form.
  const spoken = await page.evaluate(() => (globalThis as unknown as { __spoken: string[] }).__spoken);
  expect(spoken).toContain('fr:pomme');
  expect(spoken.filter((s) => /background|orange|…/i.test(s))).toEqual([]);
  await page.goto(url);
});

test('a camera unplugged while the page runs says so in plain words; reloading brings the words back', async () => {
  test.setTimeout(120_000);
  await page.goto(url);
  await expect(word()).toHaveAttribute('data-key', /^(Apple|Orange)$/, { timeout: 60_000 });
  // What the browser does when the camera goes away: its track ends.
  await page.locator('video').evaluate((v) => {
    const stream = (v as unknown as { srcObject: { getVideoTracks(): { dispatchEvent(e: unknown): void }[] } }).srcObject;
    stream.getVideoTracks()[0].dispatchEvent(new (globalThis as unknown as { Event: new (t: string) => unknown }).Event('ended'));
  });
  const problem = page.getByRole('alert');
  await expect(problem).toContainText('The camera stopped.');
  await expect(problem).toContainText('Reload the page.');
  // No stale word is left on the screen as if the camera still saw it.
  await expect(word()).toHaveCount(0);
  await snapPhone('phone-page-03d-camera-unplugged');
  await page.reload();
  await expect(word()).toHaveAttribute('data-key', /^(Apple|Orange)$/, { timeout: 60_000 });
  await expect(problem).toHaveCount(0);
});

/** The page's Cache API, as far as these checks use it (Node's typings do not describe it). */
interface PageCaches {
  keys(): Promise<string[]>;
  open(name: string): Promise<{ keys(): Promise<{ url: string }[]> }>;
  match(url: string): Promise<{ json(): Promise<unknown> } | undefined>;
}

/** Paths of every file the phone keeps in its caches (the Cache API), whatever the cache. */
async function keptPaths(): Promise<string[]> {
  return page.evaluate(async () => {
    const caches = (globalThis as unknown as { caches: PageCaches }).caches;
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      for (const r of await (await caches.open(name)).keys()) paths.push(new URL(r.url).pathname);
    }
    return paths;
  });
}

/** Runs in the page before its scripts: navigator.serviceWorker.register() never settles. */
const HOLD_REGISTER = `navigator.serviceWorker.register = () => new Promise(() => undefined);`;

/**
 * Runs in the page before its scripts: the moment a word first shows, the camera picture is paused
 * (in the same task as the change, before the feed can move on) and the word's key is noted.
 */
const FREEZE_ON_WORD = `new MutationObserver((_, observer) => {
  const shown = document.querySelector('[data-testid="phone-word"]')?.getAttribute('data-key');
  const video = document.querySelector('video');
  if (!video || (shown !== 'Apple' && shown !== 'Orange')) return;
  video.pause();
  globalThis.__frozenOn = shown;
  observer.disconnect();
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-key'] });`;

const BASE = 'mobilenet_v1_0.25_224';
const COPY = 'mobilenet-copy';

test('after a reload, "Saved on this phone" comes back without the model being downloaded again', async () => {
  test.setTimeout(180_000);
  // A phone that never opened the deck (another address, so nothing is kept for it yet), its
  // requests logged on their way to the studio.
  proxy = await startCountingProxy(setup.phonePort);
  await page.goto(`http://localhost:${proxy.port}/phone/${deckId}`);
  await expect(word()).toHaveAttribute('data-key', /^(Apple|Orange)$/, { timeout: 60_000 });
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
  // The first visit brought the base network from the studio: the log sees the model's files.
  expect(proxy.log.filter((r) => r.path.startsWith(`/base-models/${BASE}/`)).length).toBeGreaterThan(0);

  proxy.log.length = 0;
  await page.reload();
  await expect(word()).toHaveAttribute('data-key', /^(Apple|Orange)$/, { timeout: 60_000 });
  // As soon as the model runs: the phone checks what it holds, it fetches nothing.
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 10_000 });
  await snapPhone('phone-page-03e-saved-after-reload');
  const downloaded = proxy.log.filter((r) => /^\/(base-models|assets)\//.test(r.path) || (r.path.endsWith('/live-model.json') && r.status !== 304));
  expect(downloaded).toEqual([]);
  // The deck's model was still asked for (a retrained deck must show up), and came back "unchanged".
  expect(proxy.log.filter((r) => r.path === `/phone/${deckId}/live-model.json`).map((r) => r.status)).toEqual([304]);
});

test('a retrained deck replaces what the phone kept: the new version shows, the old base network is deleted', async () => {
  test.setTimeout(300_000);
  const { api } = setup.studio;
  expect((await keptPaths()).filter((p) => p.startsWith(`/base-models/${BASE}/`)).length).toBeGreaterThan(0);
  // Retrained on another base network (a copy under another name): every model file changes.
  await api.importBaseModel({ dir: path.join(SHARED, 'models', BASE), featureLayer: 'conv_pw_13_relu', id: COPY, name: 'MobileNet copy' });
  const trained = (await setup.studio.waitForJob((await api.startTraining({ deckId, baseModelId: COPY })).jobId)) as TrainingRunResult;
  // After a reload Chromium may hold register() back behind its own update check of the worker
  // (57 s seen here): the page must keep its files with the worker it has. Held for good here,
  // so the test fails whenever saving waits on register().
  const held = await page.addInitScript(HOLD_REGISTER);
  await page.reload();
  await expect(page.getByTestId('phone-version')).toContainText(`Version ${trained.number} `, { timeout: 60_000 });
  await expect(word()).toHaveAttribute('data-key', /^(Apple|Orange)$/, { timeout: 60_000 });
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 15_000 });
  await held.dispose();
  // Every file of the new base network is kept (model.json and the shards it lists)...
  const listed = JSON.parse(fs.readFileSync(path.join(SHARED, 'models', BASE, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
  const copyFiles = ['model.json', ...listed.weightsManifest.flatMap((g) => g.paths)].map((f) => `/base-models/${COPY}/${f}`).sort();
  await expect.poll(async () => (await keptPaths()).filter((p) => p.startsWith(`/base-models/${COPY}/`)).sort()).toEqual(copyFiles);
  // ...and the old one, which nothing on this phone needs any more, is gone (a phone's storage is small).
  await expect.poll(async () => (await keptPaths()).filter((p) => p.startsWith(`/base-models/${BASE}/`)), { timeout: 10_000 }).toEqual([]);
  // The deck's model kept for offline use is the new version.
  const keptVersion = await page.evaluate(async (u) => {
    const kept = await (globalThis as unknown as { caches: PageCaches }).caches.match(u);
    return ((await kept?.json()) as { number?: number } | undefined)?.number;
  }, `/phone/${deckId}/live-model.json`);
  expect(keptVersion).toBe(trained.number);
});

test('keeps working with the cable out and the studio closed, once loaded', async () => {
  test.setTimeout(120_000);
  // Saved already (the test before reloaded and waited): checking what the phone holds takes a moment.
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 10_000 });
  // Nothing answers at the page's address any more: everything must come from the phone itself.
  await setup.studio.stop();
  await context.setOffline(true);
  // The looping feed moves on while a screenshot is taken ("pomme" was seen over an orange): the
  // picture is held on the frame that follows the first word, which the model then keeps reading.
  const freeze = await page.addInitScript(FREEZE_ON_WORD);
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as { __frozenOn?: string }).__frozenOn), { timeout: 60_000 })
    .toMatch(/^(Apple|Orange)$/);
  const frozenOn = await page.evaluate(() => (globalThis as unknown as { __frozenOn: string }).__frozenOn);
  await expect(word()).toHaveAttribute('data-key', frozenOn);
  await expect(page.getByTestId('offline-ready')).toBeVisible();
  const pictureTime = () => page.locator('video').evaluate((v) => (v as unknown as { currentTime: number }).currentTime);
  const before = await pictureTime();
  await snapPhone('phone-page-04-offline');
  // The screenshot shows that very picture, and the word still read on it.
  expect(await pictureTime()).toBe(before);
  await expect(word()).toHaveAttribute('data-key', frozenOn);
  await freeze.dispose();
  await context.setOffline(false);
});
