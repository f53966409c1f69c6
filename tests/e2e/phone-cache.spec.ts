import path from 'node:path';
import { chromium, devices, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, test } from '@playwright/test';
import { makeFruitProject } from './support/fruit-deck';
import { ARTIFACTS, SHARED } from './support/paths';
import { startDeploySetup, type DeploySetup } from './support/deploy-setup';
import { quietDeckWords } from './support/quiet-deck';
import { CHROMIUM_ARGS, CHROMIUM_PATH, fakeCameraArgs } from '../../src/test-support/chromium';
import { fruitSources } from '../../src/test-support/fruits';

/**
 * What a phone keeps once decks are deleted in the studio: the phone page of several decks opened
 * in Chromium emulating a Pixel 7 (camera: ../shared/webcam/apple-then-orange.y4m), the studio
 * serving them on its phone port, and what the page's Cache API holds read from the page itself.
 */
test.describe.configure({ mode: 'serial' });

const BASE = 'mobilenet_v1_0.25_224';
const COPY = 'mobilenet-copy';

let setup: DeploySetup;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Fruits (base network BASE), Quiet fruits (base network COPY), Dates (BASE, small). */
let fruits: number;
let other: number;
let small: number;

const deckUrl = (deckId: number) => `http://localhost:${setup.phonePort}/phone/${deckId}`;
const word = () => page.getByTestId('phone-word');
const saved = () => page.getByTestId('offline-ready');

/** The page's Cache API, as far as these checks use it (Node's typings do not describe it). */
interface PageCaches {
  keys(): Promise<string[]>;
  open(
    name: string,
  ): Promise<{ keys(): Promise<{ url: string }[]>; match(r: { url: string }): Promise<{ arrayBuffer(): Promise<ArrayBuffer> } | undefined> }>;
}

interface CacheFigures {
  name: string;
  files: number;
  bytes: number;
  paths: string[];
}

/** Every cache the phone holds for the page's origin: its files (paths), how many, and their bytes. */
async function phoneCaches(): Promise<CacheFigures[]> {
  return page.evaluate(async () => {
    const caches = (globalThis as unknown as { caches: PageCaches }).caches;
    const out: CacheFigures[] = [];
    for (const name of (await caches.keys()).sort()) {
      const cache = await caches.open(name);
      const paths: string[] = [];
      let bytes = 0;
      for (const r of await cache.keys()) {
        paths.push(new URL(r.url).pathname);
        bytes += (await (await cache.match(r))?.arrayBuffer())?.byteLength ?? 0;
      }
      out.push({ name, files: paths.length, bytes, paths: paths.sort() });
    }
    return out;
  });
}

/** The paths kept in one cache (the files, or the deck pages' lists). */
async function kept(cache: 'magritte-phone-v1' | 'magritte-phone-lists'): Promise<string[]> {
  return (await phoneCaches()).find((c) => c.name === cache)?.paths ?? [];
}

/** Logs and attaches the figures (not the paths) under `label`. */
async function report(label: string, figures: CacheFigures[]): Promise<void> {
  const summary = figures.map(({ name, files, bytes }) => ({ name, files, bytes }));
  console.log(`[phone-cache] ${label}: ${JSON.stringify(summary)}`);
  await test.info().attach(`caches ${label}`, { body: JSON.stringify(figures, null, 2), contentType: 'application/json' });
}

async function snapPhone(name: string): Promise<void> {
  await page.evaluate('document.fonts.ready');
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  await test.info().attach(name, { path: file, contentType: 'image/png' });
}

/** Opens a deck's page and waits until the phone keeps it ("Saved on this phone"). */
async function openSaved(deckId: number): Promise<void> {
  await page.goto(deckUrl(deckId));
  await expect(saved()).toBeVisible({ timeout: 90_000 });
}

test.beforeAll(async () => {
  test.setTimeout(400_000);
  setup = await startDeploySetup('phone-cache');
  const { api } = setup.studio;
  ({ deckId: fruits } = await makeFruitProject(setup.studio, { name: 'Phone cache', export: false }));
  // A deck on another base network (a copy under another name): its several MB are its own.
  await api.importBaseModel({ dir: path.join(SHARED, 'models', BASE), featureLayer: 'conv_pw_13_relu', id: COPY, name: 'MobileNet copy' });
  other = await quietDeckWords(setup.studio);
  await setup.studio.waitForJob((await api.startTraining({ deckId: other, baseModelId: COPY })).jobId);
  const dates = await api.createDeck({ name: 'Dates' });
  await setup.studio.waitForJob((await api.startImport({ deckId: dates.id, sources: fruitSources(['Apple', 'Dates']) })).jobId);
  await setup.studio.waitForJob((await api.startTraining({ deckId: dates.id })).jobId);
  small = dates.id;
  // The studio serves the phone page once a deck is opened on a phone (adb reverse to an emulated one).
  const phone = await setup.phone({ model: 'Pixel 7' });
  await setup.adb.attach(phone);
  expect((await api.openOnPhone({ deckId: fruits })).url).toBe(deckUrl(fruits));
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...fakeCameraArgs(path.join(SHARED, 'webcam/apple-then-orange.y4m'))],
  });
  const { defaultBrowserType: _ignored, ...pixel7 } = devices['Pixel 7'];
  context = await browser.newContext({ ...pixel7, permissions: ['camera'] });
  page = await context.newPage();
});

test.afterAll(async () => {
  await browser?.close();
  await setup?.stop();
});

test('a deck deleted in the studio: its page says so in plain words, and the phone lets go of what it kept for it', async () => {
  test.setTimeout(180_000);
  // The worker is one classic script: a module it shares with the page would be an import it cannot load.
  expect(await (await fetch(`http://127.0.0.1:${setup.phonePort}/phone-sw.js`)).text()).not.toMatch(/^\s*import\b/m);
  await openSaved(small);
  expect(await kept('magritte-phone-lists')).toContain(`/phone/${small}`);
  expect(await kept('magritte-phone-v1')).toContain(`/phone/${small}/live-model.json`);

  await setup.studio.api.deleteDeck({ deckId: small });
  await page.reload();
  const problem = page.getByRole('alert');
  await expect(problem).toContainText('This deck is not in the project open in the studio: it was deleted there, or another project is open.', {
    timeout: 60_000,
  });
  await expect(problem).toContainText('press “Open on this phone”');
  await expect(saved()).toHaveCount(0);
  await snapPhone('phone-cache-01-deck-deleted');
  // Nothing of it is left on the phone: not its list, not its model, not its page.
  expect(await kept('magritte-phone-lists')).not.toContain(`/phone/${small}`);
  const files = await kept('magritte-phone-v1');
  expect(files.filter((p) => p.startsWith(`/phone/${small}`))).toEqual([]);
  // The page's own files stay: another deck uses them (checked below), this one no longer does.
});

test('two decks kept, one deleted in the studio: opening the other one lets go of the deleted one’s files, offline included', async () => {
  test.setTimeout(300_000);
  await openSaved(fruits);
  await openSaved(other);
  const before = await phoneCaches();
  await report('two decks opened', before);
  const files = before.find((c) => c.name === 'magritte-phone-v1')!.paths;
  expect(files.filter((p) => p.startsWith(`/base-models/${COPY}/`)).length).toBeGreaterThan(0);
  expect(files.filter((p) => p.startsWith(`/base-models/${BASE}/`)).length).toBeGreaterThan(0);

  await setup.studio.api.deleteDeck({ deckId: other });
  // Opened with the studio out of reach: the phone cannot know the deck is gone, so it keeps it.
  await context.setOffline(true);
  await openSaved(fruits);
  expect(await kept('magritte-phone-lists')).toContain(`/phone/${other}`);
  expect((await kept('magritte-phone-v1')).filter((p) => p.startsWith(`/base-models/${COPY}/`)).length).toBeGreaterThan(0);
  await context.setOffline(false);

  // The studio answers again: the deleted deck's list goes, and with it every file only it used.
  await openSaved(fruits);
  await expect.poll(() => kept('magritte-phone-lists'), { timeout: 20_000 }).toEqual([`/phone/${fruits}`]);
  await expect
    .poll(async () => (await kept('magritte-phone-v1')).filter((p) => p.startsWith(`/base-models/${COPY}/`) || p.startsWith(`/phone/${other}`)))
    .toEqual([]);
  const after = await phoneCaches();
  await report('one deleted in the studio, the other opened again', after);
  const keptFiles = after.find((c) => c.name === 'magritte-phone-v1')!.paths;
  expect(keptFiles).toEqual(expect.arrayContaining([`/phone/${fruits}`, `/phone/${fruits}/live-model.json`, `/base-models/${BASE}/model.json`]));

  // What the remaining deck needs is all there: it works with the cable out.
  await context.setOffline(true);
  await page.reload();
  await expect(word()).toHaveAttribute('data-key', /^(Apple|Orange)$/, { timeout: 60_000 });
  await expect(saved()).toBeVisible();
  await context.setOffline(false);
});

test('another project open in the studio: the phone keeps showing the deck it holds and lets go of nothing', async () => {
  test.setTimeout(180_000);
  const { api } = setup.studio;
  await openSaved(fruits);
  const before = await kept('magritte-phone-v1');
  const dir = (await api.getAppInfo()).project!.dir;
  // Deck numbers are per project: in this one, the phone's deck number means no deck at all.
  await api.createProject({ name: 'Another class', languages: ['en', 'es'] });
  try {
    expect((await fetch(`http://127.0.0.1:${setup.phonePort}/phone/${fruits}/live-model.json`)).status).toBe(404);
    await page.reload();
    await expect(word()).toHaveAttribute('data-key', /^(Apple|Orange)$/, { timeout: 60_000 });
    await expect(saved()).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(await kept('magritte-phone-lists')).toEqual([`/phone/${fruits}`]);
    expect(await kept('magritte-phone-v1')).toEqual(before);
  } finally {
    await api.openProject({ dir });
  }
});
