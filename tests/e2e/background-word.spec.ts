import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DeckPage } from './pages/deck-page';
import { snap } from './support/artifacts';
import { hostSocketUrl } from './support/camera-fruits';
import { fruitPhotos } from './support/paths';
import { e2eToken, openStudioPage } from './support/session';
import { connectStudio, type StudioConnection } from './support/studio-client';

/**
 * "Nothing I know" from a teacher's side, without training: the suggestion can be put aside for a
 * deck ("Not now", still aside after the window reloads), and any word can be made the deck's
 * background from its menu, or a normal word again, one background per deck.
 */
test.describe.configure({ mode: 'serial' });

let studio: StudioConnection;
let page: Page;
let deck: DeckPage;
let deckId: number;
let otherDeckId: number;

test.beforeAll(async ({ browser }, info) => {
  test.setTimeout(120_000);
  studio = await connectStudio(hostSocketUrl(), e2eToken());
  await studio.api.createProject({ name: 'Background lessons', languages: ['en', 'fr'] });
  deckId = (await studio.api.createDeck({ name: 'Classroom' })).id;
  const sources = ['Apple', 'Orange', 'Dates'].flatMap((fruit) =>
    fruitPhotos(fruit, 3).map((p) => ({ path: p, relativePath: `${fruit}/${path.basename(p)}` })),
  );
  await studio.waitForJob((await studio.api.startImport({ deckId, sources })).jobId);
  otherDeckId = (await studio.api.createDeck({ name: 'Colours' })).id;
  await studio.api.createClass({ deckId: otherDeckId, key: 'red' });
  page = await openStudioPage(browser, info.project.use.baseURL!);
  deck = new DeckPage(page);
});

test.afterAll(async () => {
  await page?.close();
  studio?.close();
});

const suggestion = () => page.getByTestId('background-suggestion');

/** The element's whole text is drawn inside it and inside the card: nothing cut or hidden. */
async function expectWhole(el: Locator, container: Locator): Promise<void> {
  const box = await el.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
  expect(box.scroll).toBeLessThanOrEqual(box.client);
  await expect(el).not.toHaveCSS('text-overflow', 'ellipsis');
  const inner = (await el.boundingBox())!;
  const outer = (await container.boundingBox())!;
  expect(inner.x).toBeGreaterThanOrEqual(outer.x);
  expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width);
}

/** The deck's screen has loaded (its words are shown) and shows no suggestion. */
async function expectAside(hash: string): Promise<void> {
  await page.goto(hash);
  await expect(page.getByText('Dates').first()).toBeVisible();
  // The put-aside list is asked for as the screen opens, with the words: give its answer time to land.
  await page.waitForTimeout(1000);
  await expect(suggestion()).toHaveCount(0);
}

async function openMenu(key: string): Promise<Locator> {
  await deck
    .card(key)
    .getByRole('button', { name: /^Options for / })
    .click();
  return page.getByRole('menu');
}

test('the suggestion reads in full in the word list; "Not now" puts it aside for this deck, after a reload too', async () => {
  await page.goto(`/#/deck/${deckId}/photos`);
  await expect(deck.card('Dates')).toBeVisible();
  const title = suggestion().getByTestId('background-suggestion-title');
  await expect(title).toHaveText('Add a “Nothing I know” word');
  await suggestion().scrollIntoViewIfNeeded();
  await expectWhole(title, suggestion());
  await expectWhole(suggestion().getByRole('button', { name: 'Not now' }), suggestion());
  await snap(page, 'background-word-01-suggestion');

  await suggestion().getByRole('button', { name: 'Not now' }).click();
  await expect(suggestion()).toHaveCount(0);
  // The snackbar's Undo brings it back; put aside again, it stays aside.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(suggestion()).toBeVisible();
  await suggestion().getByRole('button', { name: 'Not now' }).click();
  await expect(suggestion()).toHaveCount(0);

  await page.reload();
  await expectAside(`/#/deck/${deckId}/photos`);
  await expectAside(`/#/deck/${deckId}/train`);
  expect(await studio.api.listHiddenHints({ deckId })).toEqual(['background']);
  // A deck without one of its own still gets the suggestion: the choice was for that deck only.
  await page.goto(`/#/deck/${otherDeckId}/train`);
  await expect(suggestion()).toBeVisible();
});

test('"Use as “Nothing I know”" turns a word into the background; photos are labelled calmly; one per deck', async () => {
  await page.goto(`/#/deck/${deckId}/photos`);
  await expect(deck.card('Dates')).toBeVisible();
  let menu = await openMenu('Dates');
  await expect(menu.getByRole('menuitem', { name: /Use as a normal word/ })).toHaveCount(0);
  await snap(page, 'background-word-02-menu');
  await menu.getByRole('menuitem', { name: /Use as “Nothing I know”/ }).click();

  const dates = deck.card('Dates');
  await expect(dates.getByTestId('class-key')).toHaveText('Nothing I know');
  await expect(dates.getByTestId('background-note')).toContainText('nothing is shown or said');
  await expect(dates.getByTestId('word-fr')).toHaveCount(0);
  await expect(dates.getByTestId('class-count')).toHaveText('3');
  // The card's title reads in full in the narrow word list.
  await expectWhole(dates.getByTestId('class-key'), dates);
  // The photos of the background are named as the rest of the studio names it, never by the raw key.
  await deck.showAll();
  const labelled = (word: string) => page.locator(`[data-testid="photo"][aria-label$="(${word})"]`);
  await expect(labelled('Apple')).toHaveCount(3);
  await expect(labelled('Nothing I know')).toHaveCount(3);
  await expect(labelled('Dates')).toHaveCount(0);
  await expect(page.getByText('Nothing I know', { exact: true }).filter({ visible: true })).toHaveCount(4);
  await snap(page, 'background-word-03-marked-all-photos');
  await dates.getByTestId('class-key').click();
  await expect(page.getByTestId('grid-title')).toHaveText('Nothing I know');
  await deck.photos().first().dblclick();
  await expect(page.locator('#photo-viewer-title')).toContainText('Nothing I know');
  await page.keyboard.press('Escape');
  const classes = await studio.api.listClasses({ deckId });
  expect(classes.filter((c) => c.background).map((c) => c.key)).toEqual(['Dates']);

  // Another word cannot become it too: its menu says which word is the background already.
  menu = await openMenu('Apple');
  const refused = menu.getByRole('menuitem', { name: /Use as “Nothing I know”/ });
  await expect(refused).toBeDisabled();
  await expect(refused).toContainText('This deck already has one: “Dates”. Make it a normal word first.');
  await snap(page, 'background-word-04-one-per-deck');
  await page.keyboard.press('Escape');
  await snap(page, 'background-word-05-marked');

  // And back: a normal word again, with its words and its photos.
  menu = await openMenu('Dates');
  await menu.getByRole('menuitem', { name: /Use as a normal word/ }).click();
  await expect(dates.getByTestId('class-key')).toHaveText('Dates');
  await expect(dates.getByTestId('word-en')).toContainText('Dates');
  await expect(dates.getByTestId('class-count')).toHaveText('3');
  expect((await studio.api.listClasses({ deckId })).some((c) => c.background)).toBe(false);
  menu = await openMenu('Apple');
  await expect(menu.getByRole('menuitem', { name: /Use as “Nothing I know”/ })).toBeEnabled();
  await page.keyboard.press('Escape');
});
