import { expect, test, type Locator, type Page } from '@playwright/test';
import { snap } from './support/artifacts';
import { hostSocketUrl } from './support/camera-fruits';
import { e2eToken, openStudioPage } from './support/session';
import { connectStudio, type StudioConnection } from './support/studio-client';

/**
 * The top bar and the deck's screens at the smallest window the app allows (900 x 600,
 * electron/main/window.ts) and at the usual one: a long project name, four languages and eight decks.
 * The name may be shortened on screen, never lost (its full text shows on hover); every deck and
 * every deck screen can be reached by clicking; nothing overlaps and nothing sticks out sideways.
 */
test.describe.configure({ mode: 'serial' });

const PROJECT = 'Year 7 French – autumn term vocabulary';
const DECKS = ['Fruits', 'Vegetables', 'In the classroom', 'Clothes for every season', 'Animals', 'At the market', 'Sports', 'Family'];
const SCREENS = ['Photos', 'Doctor', 'Train', 'Test', 'Export', 'Phones'];

let studio: StudioConnection;
let page: Page;

test.beforeAll(async ({ browser }, info) => {
  studio = await connectStudio(hostSocketUrl(), e2eToken());
  await studio.api.createProject({ name: PROJECT, languages: ['en', 'fr', 'es', 'de'] });
  for (const name of DECKS) await studio.api.createDeck({ name });
  page = await openStudioPage(browser, info.project.use.baseURL!);
});

test.afterAll(async () => {
  await page?.close();
  studio?.close();
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

/** The parts of the top bar a teacher reads or presses, by what they say. */
function topBarParts(): Record<string, Locator> {
  const bar = page.getByRole('banner');
  return {
    studio: bar.getByText('Magritte Studio', { exact: true }),
    project: bar.getByTestId('project-name'),
    languages: bar.getByRole('button', { name: /^English →/ }),
    close: bar.getByRole('button', { name: 'Close project' }),
  };
}

/** How far the page reaches past the window's right edge, in CSS pixels (0: nothing sticks out). */
const sidewaysOverflow = () =>
  page.evaluate(() => {
    const g = globalThis as unknown as { innerWidth: number; document: { scrollingElement: { scrollWidth: number } } };
    return g.document.scrollingElement.scrollWidth - g.innerWidth;
  });

/** The top bar's parts, each inside the window and none over another; the name wide enough to recognise. */
async function expectTopBarFits(width: number): Promise<void> {
  const boxes: [string, Box][] = [];
  for (const [part, locator] of Object.entries(topBarParts())) {
    await expect(locator, part).toBeVisible();
    boxes.push([part, (await locator.boundingBox())!]);
  }
  for (const [part, b] of boxes) {
    expect(b.x, `${part} starts inside the window`).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width, `${part} ends inside the window`).toBeLessThanOrEqual(width);
  }
  const crossing = boxes.flatMap(([a, boxA], i) =>
    boxes
      .slice(i + 1)
      .filter(([, boxB]) => overlaps(boxA, boxB))
      .map(([b]) => `${a}/${b}`),
  );
  expect(crossing).toEqual([]);
  expect(boxes.find(([p]) => p === 'project')![1].width).toBeGreaterThanOrEqual(150);
}

const screens = () => page.getByRole('tablist', { name: 'Deck screens' });
const screenTab = (screen: string) => screens().getByRole('tab', { name: new RegExp(`^${screen}`) });

/**
 * Whether the element shows whole across (not scrolled out of sight, not under an arrow or another
 * part): what the page finds at its left end, middle and right end is the element itself. (Not at
 * its bottom edge: a selected tab's underline lies over it.)
 */
async function shownWhole(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const doc = (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): unknown } }).document;
    const r = el.getBoundingClientRect();
    const y = r.top + r.height / 2;
    return [r.left + 2, r.left + r.width / 2, r.right - 2].every((x) => {
      const hit = doc.elementFromPoint(x, y);
      return hit !== null && el.contains(hit as typeof el);
    });
  });
}

test('smallest window (900x600): the name is cut but shown on hover, every deck and deck screen can be reached', async () => {
  await page.setViewportSize({ width: 900, height: 600 });
  await page.goto('/');
  const name = page.getByTestId('project-name');
  await expect(name).toHaveText(PROJECT);
  await snap(page, 'narrow-window-900x600');
  await expectTopBarFits(900);

  // Cut with "…", and shown whole by pointing at it.
  expect(await name.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
  await name.hover();
  await expect(page.getByRole('tooltip')).toHaveText(PROJECT);
  await page.mouse.move(450, 598);
  await expect(page.getByRole('tooltip')).toHaveCount(0);

  // Every deck shows whole in its column once scrolled to (the column scrolls at this height), and
  // the last opens with a click.
  const decks = page.getByRole('list', { name: 'Decks' });
  for (const deck of DECKS) {
    const item = decks.getByRole('button', { name: new RegExp(`^${deck}\\b`) });
    await item.scrollIntoViewIfNeeded();
    expect(await shownWhole(item), deck).toBe(true);
  }
  await decks.getByRole('button', { name: new RegExp(`^${DECKS.at(-1)}\\b`) }).click();
  await expect(page.getByTestId('deck-title')).toHaveText(DECKS.at(-1)!);

  // The deck's screens: all but the last show whole; an arrow says there is more.
  const [last, ...others] = [...SCREENS].reverse();
  for (const screen of others) expect(await shownWhole(screenTab(screen)), screen).toBe(true);
  expect(await shownWhole(screenTab(last))).toBe(false);
  const more = page.getByRole('button', { name: 'More deck screens' });
  const earlier = page.getByRole('button', { name: 'Earlier deck screens' });
  await expect(more).toBeEnabled();
  await expect(earlier).toBeDisabled();
  await snap(page, 'narrow-window-900x600-tab-arrows');
  // Pressed until it has nothing more to show: the last screen comes into sight and opens with a click.
  for (let i = 0; i < 4 && (await more.isEnabled()); i++) {
    await more.click();
    await page.waitForTimeout(400);
  }
  await expect(more).toBeDisabled();
  await expect.poll(() => shownWhole(screenTab(last))).toBe(true);
  await expect(earlier).toBeEnabled();
  await screenTab(last).click();
  await expect(screenTab(last)).toHaveAttribute('aria-selected', 'true');
  expect(await sidewaysOverflow()).toBeLessThanOrEqual(0);
});

test('usual window (1280x800): the name and every deck screen show whole, with no arrows', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenTab('Photos').click();
  const name = page.getByTestId('project-name');
  await expect(name).toHaveText(PROJECT);
  await expectTopBarFits(1280);
  expect(await name.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(false);
  // A name already whole gets no tooltip repeating it.
  await name.hover();
  await page.waitForTimeout(500);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await page.mouse.move(640, 798);
  for (const screen of SCREENS) expect(await shownWhole(screenTab(screen)), screen).toBe(true);
  await expect(page.getByRole('button', { name: 'More deck screens' })).toHaveCount(0);
  expect(await sidewaysOverflow()).toBeLessThanOrEqual(0);
  await snap(page, 'narrow-window-1280x800');
});
