import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DeckPage } from './pages/deck-page';
import { snap } from './support/artifacts';
import { hostSocketUrl } from './support/camera-fruits';
import { fruitPhotos } from './support/paths';
import { e2eToken, openStudioPage } from './support/session';
import { connectStudio, type StudioConnection } from './support/studio-client';

/**
 * Undo by keyboard: every curation action of the session (move, delete, rename, a word) is taken
 * back with Ctrl+Z, newest first, and done again with Ctrl+Shift+Z, long after its snackbar is gone.
 */
test.describe.configure({ mode: 'serial' });

let studio: StudioConnection;
let page: Page;
let deck: DeckPage;
let deckId: number;

test.beforeAll(async ({ browser }, info) => {
  test.setTimeout(120_000);
  studio = await connectStudio(hostSocketUrl(), e2eToken());
  await studio.api.createProject({ name: 'Undo lessons', languages: ['en', 'fr'] });
  deckId = (await studio.api.createDeck({ name: 'Fruits' })).id;
  const sources = ['Apple', 'Orange'].flatMap((fruit) =>
    fruitPhotos(fruit, 3).map((p) => ({ path: p, relativePath: `${fruit}/${path.basename(p)}` })),
  );
  await studio.waitForJob((await studio.api.startImport({ deckId, sources })).jobId);
  page = await openStudioPage(browser, info.project.use.baseURL!);
  deck = new DeckPage(page);
});

test.afterAll(async () => {
  await page?.close();
  studio?.close();
});

/** Presses a shortcut on the page, away from any text field. */
async function press(keys: string): Promise<void> {
  await page.getByTestId('grid-count').click();
  await page.keyboard.press(keys);
}

test('Ctrl+Z takes back a move, a delete and a rename, newest first; Ctrl+Shift+Z does them again', async () => {
  await page.goto(`/#/deck/${deckId}/photos`);
  await deck.expectCount('Apple', 3);

  // A move.
  await deck.showClass('Apple');
  await deck.photos().first().click();
  await deck.moveSelectedTo('Orange');
  await deck.expectCount('Apple', 2);
  await deck.expectCount('Orange', 4);
  // A delete, by the Delete key.
  await deck.showClass('Orange');
  await deck.photos().first().click();
  await page.keyboard.press('Delete');
  await deck.expectCount('Orange', 3);
  // A rename.
  await deck.card('Apple').getByRole('button', { name: 'Options for Apple' }).click();
  await page.getByRole('menuitem', { name: 'Rename…' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename word' });
  await rename.getByLabel('Short name').fill('Red apple');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(deck.card('Red apple')).toBeVisible();
  await expect(page.getByText('Renamed Apple to Red apple. Ctrl+Z undoes it.')).toBeVisible();
  await snap(page, 'undo-01-after-three-actions');
  // The snackbar goes; the history stays.
  await expect(page.getByText(/Ctrl\+Z undoes it/)).toBeHidden({ timeout: 15_000 });

  await press('Control+z');
  await expect(deck.card('Apple')).toBeVisible();
  await expect(deck.card('Red apple')).toHaveCount(0);
  await expect(page.getByText('Undone: Renamed Apple to Red apple.')).toBeVisible();
  await press('Control+z');
  await deck.expectCount('Orange', 4);
  await press('Control+z');
  await deck.expectCount('Apple', 3);
  await deck.expectCount('Orange', 3);
  await expect(page.getByText('Undone: Moved 1 photo to Orange.')).toBeVisible();
  await snap(page, 'undo-02-all-undone');
  // Nothing older to undo: nothing changes.
  await press('Control+z');
  await deck.expectCount('Apple', 3);

  // Redo, in the order they were done.
  await press('Control+Shift+z');
  await deck.expectCount('Apple', 2);
  await deck.expectCount('Orange', 4);
  await press('Control+y');
  await deck.expectCount('Orange', 3);
  expect((await studio.api.listPhotos({ deckId })).length).toBe(5);
});

test("a word typed in a field keeps the field's own undo; the word itself is undone with Ctrl+Z afterwards", async () => {
  const row = deck.card('Apple').getByTestId('word-fr');
  await row.getByText('missing: click to add').click();
  const field = row.getByLabel('Word in French');
  await field.fill('pomme');
  // Inside the field, Ctrl+Z belongs to the text: the deck is untouched.
  await field.press('Control+z');
  await deck.expectCount('Orange', 3);
  await field.fill('pomme');
  await field.press('Enter');
  await expect(row).toContainText('pomme');
  await press('Control+z');
  await expect(row).toContainText('missing: click to add');
  expect((await studio.api.listClasses({ deckId })).find((c) => c.key === 'Apple')?.words).toEqual({ en: 'Apple' });
  await press('Control+Shift+z');
  await expect(row).toContainText('pomme');
});
