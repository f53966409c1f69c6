import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { snap } from './support/artifacts';
import { cameraFruitProject, hostSocketUrl } from './support/camera-fruits';
import { fruitPhotos } from './support/paths';
import { quietDeckWords, trainQuietDeck } from './support/quiet-deck';
import { e2eToken, openStudioPage } from './support/session';
import { connectStudio, type StudioConnection } from './support/studio-client';
import { TrainPage } from './pages/train-page';
import { DeckPage } from './pages/deck-page';

/**
 * "Nothing I know": suggested on a deck that has none, added in one click, trained on the orange
 * the fake camera shows (apple frames, then orange frames), and then the Test tab and "Try a
 * photo" stay silent on the orange while the apple is still named.
 */
test.describe.configure({ mode: 'serial' });

let studio: StudioConnection;
let fruitsDeck: number;
let quiet: number;
let page: Page;

test.beforeAll(async ({ browser }, info) => {
  test.setTimeout(300_000);
  studio = await connectStudio(hostSocketUrl(), e2eToken());
  ({ deckId: fruitsDeck } = await cameraFruitProject(studio));
  quiet = await quietDeckWords(studio);
  page = await openStudioPage(browser, info.project.use.baseURL!);
});

test.afterAll(async () => {
  await page?.close();
  studio?.close();
});

test('a deck without "Nothing I know" suggests it; one click adds it and the suggestion goes', async () => {
  const deck = new DeckPage(page);
  await page.goto(`/#/deck/${quiet}/photos`);
  await expect(deck.card('Apple')).toBeVisible();
  const suggestion = page.getByTestId('background-suggestion');
  await expect(suggestion).toContainText('photos of the empty desk, the classroom and hands help the model stay quiet', { ignoreCase: true });
  await snap(page, 'background-01-suggested');

  await suggestion.getByRole('button', { name: 'Add “Nothing I know”' }).click();
  const card = deck.card('background');
  await expect(card.getByTestId('class-key')).toHaveText('Nothing I know');
  await expect(card.getByTestId('background-note')).toContainText('nothing is shown or said');
  // No word rows to fill for it, and nothing left to suggest.
  await expect(card.getByTestId('word-fr')).toHaveCount(0);
  await expect(suggestion).toHaveCount(0);
  await deck.card('background').getByTestId('class-key').click();
  await expect(page.getByTestId('grid-title')).toHaveText('Nothing I know');
  await snap(page, 'background-02-added');
  const classes = await studio.api.listClasses({ deckId: quiet });
  expect(classes.filter((c) => c.background).map((c) => c.key)).toEqual(['background']);
  expect(await studio.api.getMissingWords({ deckId: quiet })).toEqual([]);
});

test('the Train tab suggests it too, only where the deck has none; "Try a photo" stays quiet on an orange', async () => {
  test.setTimeout(300_000);
  await page.goto(`/#/deck/${fruitsDeck}/train`);
  await expect(page.getByTestId('background-suggestion')).toBeVisible({ timeout: 30_000 });
  await snap(page, 'background-03-train-suggestion');

  await trainQuietDeck(studio, quiet);
  const train = new TrainPage(page);
  await page.goto(`/#/deck/${quiet}/train`);
  await expect(train.results()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('background-suggestion')).toHaveCount(0);
  await train.scrollToSection('try-photo');
  await train.dropToTry([fruitPhotos('Orange', 40)[35], fruitPhotos('Apple', 40)[35]]);
  const tried = page.getByTestId('tried-photo');
  await expect(tried).toHaveCount(2);
  await expect(tried.nth(0).getByTestId('tried-quiet')).toBeVisible({ timeout: 60_000 });
  await expect(tried.nth(0).getByTestId('prediction-word').first()).toHaveText('Nothing I know');
  await expect(tried.nth(0).getByTestId('prediction-word').first()).toHaveAttribute('data-background', 'true');
  await expect(tried.nth(1).getByTestId('prediction-word').first()).toHaveText('apple');
  await expect(tried.nth(1).getByTestId('tried-quiet')).toHaveCount(0);
  await snap(page, 'background-04-try-photo');
});

interface Look {
  key: string;
  quiet: boolean;
  line: string;
  changing: boolean;
}

/** The big word, the line under it and the "Changing" note, read in one go. */
function look(p: Page): Promise<Look> {
  return p.evaluate(`(() => {
    const word = document.querySelector('[data-testid="live-word"]');
    return {
      key: word.getAttribute('data-key') ?? '',
      quiet: word.getAttribute('data-background') === 'true',
      line: document.querySelector('[data-testid="live-confidence"]').textContent ?? '',
      changing: getComputedStyle(document.querySelector('[data-testid="live-changing"]')).visibility === 'visible',
    };
  })()`);
}

const heldQuiet = (l: Look) => l.quiet && l.changing;

test('the live Test tab shows three calm dots on the orange, and still names the apple', async () => {
  test.setTimeout(240_000);
  await page.goto(`/#/deck/${quiet}/test`);
  await expect(page.getByTestId('live-backend')).toBeAttached({ timeout: 120_000 });
  const word = page.getByTestId('live-word');
  await expect(word).toHaveAttribute('data-background', 'true', { timeout: 60_000 });
  // Drawn dots, not the '…' character (three squares in Chromium's fallback font): no text at all.
  await expect(word.getByTestId('quiet-dots').locator('span')).toHaveCount(3);
  await expect(word).toHaveText('');
  await expect(word).toHaveAttribute('data-key', '');
  await expect(page.getByTestId('live-confidence')).toContainText('Nothing I know: it stays quiet');
  await expect(page.getByTestId('top-bar').first()).toHaveAttribute('data-background', 'true');
  await snap(page, 'background-05-test-tab-quiet');
  // From the orange to the apple, look after look: while "Nothing I know" is still shown and the
  // apple's reading settles, the line carries no figure (the bars already follow the apple, so
  // "0% sure" beside the quiet dots contradicted them); a figure comes back with the word.
  const looks: Look[] = [];
  const until = Date.now() + 90_000;
  while (Date.now() < until && !(looks.some(heldQuiet) && looks[looks.length - 1].key === 'Apple')) {
    looks.push(await look(page));
    await page.waitForTimeout(25);
  }
  const held = looks.filter(heldQuiet);
  expect(held.length, 'a look while "Nothing I know" was held').toBeGreaterThan(0);
  expect(new Set(held.map((l) => l.line))).toEqual(new Set(['Nothing I know: it stays quiet']));
  expect(looks.filter((l) => /\d+% sure/.test(l.line) === l.changing)).toEqual([]);
  await expect(word).toHaveAttribute('data-key', 'Apple', { timeout: 30_000 });
  await expect(word).toHaveText('pomme');
  await expect(word).toHaveAttribute('data-background', 'false');
});

test('Test tab photos: an orange photo gets three calm dots, not a word', async () => {
  await page.goto(`/#/deck/${quiet}/test`);
  await expect(page.getByTestId('live-backend')).toBeAttached({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Photos', exact: true }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose photos…' }).click();
  await (await chooser).setFiles([path.resolve(fruitPhotos('Orange', 40)[38])]);
  const result = page.getByTestId('photo-result').first();
  await expect(result).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  await expect(result).toHaveAttribute('data-background', 'true');
  await expect(result.getByTestId('photo-word').getByTestId('quiet-dots').locator('span')).toHaveCount(3);
  await expect(result.getByTestId('photo-word')).toHaveText('');
  await expect(result.getByTestId('photo-quiet')).toBeVisible();
  await snap(page, 'background-06-test-photos-quiet');
  // "Why?" names the background as teachers know it, never by its key.
  await result.getByTestId('photo-why').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Why “Nothing I know”?');
  await expect(dialog.getByTestId('why-word').first()).toHaveText('Nothing I know');
  await expect(dialog.getByTestId('why-photo').first()).toBeVisible({ timeout: 30_000 });
  await expect(dialog).not.toContainText('background');
  await snap(page, 'background-07-why-quiet');
  await dialog.getByRole('button', { name: 'Close' }).click();
});
