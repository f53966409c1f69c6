import { expect, test, type Page } from '@playwright/test';
import { DeckPage } from './pages/deck-page';
import { snap } from './support/artifacts';
import { hostSocketUrl } from './support/camera-fruits';
import { fruitPhotos } from './support/paths';
import { e2eToken, openStudioPage } from './support/session';
import { connectStudio, type StudioConnection } from './support/studio-client';

/**
 * The Photos tab's toolbar stays on one line when photos are selected, in the grid and on the map:
 * what is under it (the map, the grid) does not jump down as the selection starts. And the map of
 * this tiny deck (4 photos a word) does not claim the two words mix.
 */
test.describe.configure({ mode: 'serial' });

let studio: StudioConnection;
let page: Page;
let deck: DeckPage;
let deckId: number;

test.beforeAll(async ({ browser }, info) => {
  test.setTimeout(120_000);
  studio = await connectStudio(hostSocketUrl(), e2eToken());
  await studio.api.createProject({ name: 'Toolbar lessons', languages: ['en'] });
  deckId = (await studio.api.createDeck({ name: 'Fruits' })).id;
  for (const key of ['Apple', 'Orange']) await studio.api.createClass({ deckId, key });
  page = await openStudioPage(browser, info.project.use.baseURL!);
  deck = new DeckPage(page);
  await page.goto(`/#/deck/${deckId}/photos`);
  await deck.dropOnCard('Apple', fruitPhotos('Apple', 4));
  await deck.expectCount('Apple', 4);
  await deck.dropOnCard('Orange', fruitPhotos('Orange', 4));
  await deck.expectCount('Orange', 4);
});

test.afterAll(async () => {
  await page?.close();
  studio?.close();
});

/** The toolbar's height and where the view under it starts, in pixels. */
async function layout(): Promise<{ toolbar: number; below: number; centres: number[] }> {
  const bar = page.getByTestId('photo-toolbar');
  const box = (await bar.boundingBox())!;
  const centres = await bar.locator('button').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return r.top + r.height / 2;
    }),
  );
  const below = (await page.getByTestId('photo-view').boundingBox())!.y;
  return { toolbar: Math.round(box.height), below: Math.round(below), centres };
}

for (const view of ['map', 'grid'] as const) {
  test(`selecting photos keeps the toolbar on one line (${view})`, async () => {
    await page.getByTestId(`view-${view}`).click();
    await expect(page.getByTestId('grid-count')).toHaveText('8 photos');
    const before = await layout();
    await page.getByRole('button', { name: 'Select all' }).click();
    await expect(page.getByTestId('selection-count')).toHaveText('8 of 8 selected');
    await snap(page, `photo-toolbar-${view}-selected`);
    const after = await layout();
    // Every button on one row (their middles level), and nothing under the toolbar moved.
    expect(Math.max(...after.centres) - Math.min(...after.centres)).toBeLessThan(4);
    expect(after.toolbar).toBe(before.toolbar);
    expect(after.below).toBe(before.below);
    // The main actions keep their words; the others keep their names (read aloud, and as tooltips).
    for (const name of ['Move to…', 'Delete']) await expect(page.getByRole('button', { name, exact: true })).toContainText(name);
    for (const name of ['Clear selection', 'Select all']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Clear selection' }).click();
  });
}

test('the map of this tiny deck does not say that apple and orange mix', async () => {
  await page.getByTestId('view-map').click();
  // Every dot placed first, so the warning had its chance to appear.
  await expect(page.getByTestId('map-dot')).toHaveCount(8, { timeout: 60_000 });
  await expect(page.getByTestId('map-progress')).toHaveCount(0);
  await expect(page.getByTestId('map-mixed')).toHaveCount(0);
  await snap(page, 'deck-map-tiny-deck');
});
