import path from 'node:path';
import { chromium, devices, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, test } from '@playwright/test';
import { ARTIFACTS, SHARED } from './support/paths';
import { startDeploySetup, type DeploySetup } from './support/deploy-setup';
import { CHROMIUM_ARGS, CHROMIUM_PATH, fakeCameraArgs } from '../../src/test-support/chromium';
import { FRUIT_WORDS, fruitSources } from '../../src/test-support/fruits';

/**
 * The phone page when it cannot show the camera: the problem and its fix take the camera's place,
 * in the middle of the screen, with no empty black box above them; on a phone (390 x 844) and on a
 * tablet (Galaxy Tab S4, 712 x 1138). One small trained deck (Apple and Dates from
 * ../shared/data/fruits) and one never trained; the camera is Chromium's fake one, its permission
 * granted, then taken back. One page goes through every state, resized from phone to tablet.
 */
test.describe.configure({ mode: 'serial' });

const PHONE = { width: 390, height: 844 };
const TABLET = devices['Galaxy Tab S4'].viewport;

let setup: DeploySetup;
let trained: number;
let untrained: number;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const deckUrl = (deckId: number | string) => `http://localhost:${setup.phonePort}/phone/${deckId}`;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  setup = await startDeploySetup('phone-errors');
  const { api } = setup.studio;
  // The browser starts while the deck trains. Its camera's permission is the context's to give:
  // not granted, Chromium refuses the camera.
  const launched = chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...fakeCameraArgs(path.join(SHARED, 'webcam/apple-then-orange.y4m'), { ask: true })],
  });
  await api.createProject({ name: 'Phone errors', languages: ['en', 'fr', 'es'] });
  // Four photos a word: enough for a model that loads on the phone, which is all these states need.
  const deck = await api.createDeck({ name: 'Small fruits' });
  await setup.studio.waitForJob((await api.startImport({ deckId: deck.id, sources: fruitSources(['Apple', 'Dates'], 0, 4) })).jobId);
  for (const c of await api.listClasses({ deckId: deck.id })) await api.updateClass({ classId: c.id, words: FRUIT_WORDS[c.key] });
  await setup.studio.waitForJob((await api.startTraining({ deckId: deck.id })).jobId);
  trained = deck.id;
  untrained = (await api.createDeck({ name: 'Vegetables' })).id;
  // The page served to this computer only, as the Phones tab does before any phone is plugged in.
  expect((await api.setPhoneNetworkAccess({ deckId: trained, enabled: false })).usbUrl).toBe(deckUrl(trained));
  browser = await launched;
  // A phone (Pixel 7's browser, at 390 x 844) that allows the camera. Its offline worker is kept
  // out: it would only spend the machine's time saving a deck these states never use.
  const { defaultBrowserType: _ignored, ...pixel7 } = devices['Pixel 7'];
  context = await browser.newContext({ ...pixel7, viewport: PHONE, permissions: ['camera'], serviceWorkers: 'block' });
  page = await context.newPage();
});

test.afterAll(async () => {
  await browser?.close();
  await setup?.stop();
});

async function snapPhone(name: string): Promise<void> {
  await page.evaluate('document.fonts.ready');
  const file = path.join(ARTIFACTS, `${name}.png`);
  // At CSS pixels: a phone's 2.6 device pixels per point would make each picture several MB.
  await page.screenshot({ path: file, scale: 'css' });
  await test.info().attach(name, { path: file, contentType: 'image/png' });
}

/**
 * What a person sees, on the phone and then on the tablet: the problem and its fix, in the middle of
 * the screen, and no camera box (the video, or the frame around it) anywhere; nothing to scroll.
 */
async function expectCalmProblem(name: string, problem: RegExp, fix: RegExp): Promise<void> {
  const alert = page.getByRole('alert');
  for (const [device, size] of [
    ['phone', PHONE],
    ['tablet', TABLET],
  ] as const) {
    await page.setViewportSize(size);
    await expect(alert).toContainText(problem);
    await expect(alert).toContainText(fix);
    const video = page.getByLabel('What the camera sees');
    await expect(video).toBeHidden();
    await expect(video.locator('..')).toBeHidden();
    const box = (await alert.boundingBox())!;
    const middle = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    expect(Math.abs(middle.x - size.width / 2), `${device}: centred across`).toBeLessThanOrEqual(2);
    expect(Math.abs(middle.y - size.height / 2), `${device}: in the middle, top to bottom`).toBeLessThanOrEqual(size.height * 0.1);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    const scroll = await page.evaluate(() => {
      const g = globalThis as unknown as {
        innerWidth: number;
        innerHeight: number;
        document: { scrollingElement: { scrollWidth: number; scrollHeight: number } };
      };
      return { across: g.document.scrollingElement.scrollWidth - g.innerWidth, down: g.document.scrollingElement.scrollHeight - g.innerHeight };
    });
    expect(scroll).toEqual({ across: 0, down: 0 });
    await snapPhone(`phone-errors-${name}-${device}`);
  }
}

test('a camera that stops, or one refused: the problem and its fix in the picture’s place', async () => {
  await page.goto(deckUrl(trained));
  const video = page.getByLabel('What the camera sees');
  // Frames are flowing: the picture is there, in its box.
  await expect.poll(() => video.evaluate((v) => (v as unknown as { readyState: number }).readyState), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await expect(video).toBeVisible();
  // What the browser does when the camera goes away: its track ends.
  await video.evaluate((v) => {
    const stream = (v as unknown as { srcObject: { getVideoTracks(): { dispatchEvent(e: unknown): void }[] } }).srcObject;
    stream.getVideoTracks()[0].dispatchEvent(new (globalThis as unknown as { Event: new (t: string) => unknown }).Event('ended'));
  });
  await expectCalmProblem('camera-stopped', /The camera stopped\./, /Reload the page/);

  // The permission taken back (the site settings' "Block"): the next visit is refused the camera.
  await context.clearPermissions();
  await page.setViewportSize(PHONE);
  await page.reload();
  await expectCalmProblem('camera-refused', /The camera is blocked for this page\./, /allow the camera, then reload the page/);
});

test('a deck not trained yet, or a studio out of reach: what to do, in the camera’s place', async () => {
  await page.goto(deckUrl(untrained));
  await expectCalmProblem('not-trained', /no trained model yet/, /Train the deck/);

  // The page is there, but the deck's model cannot be fetched (the cable came out) and was never kept.
  await page.route('**/live-model.json', (route) => route.abort('connectionrefused'));
  await page.setViewportSize(PHONE);
  await page.goto(deckUrl(trained));
  await expectCalmProblem('studio-unreachable', /The phone cannot reach the studio/, /Plug the phone back in/);
});
