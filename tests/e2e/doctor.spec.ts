import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { DeckPage } from './pages/deck-page';
import { snap } from './support/artifacts';
import { hostSocketUrl } from './support/camera-fruits';
import { fruitFrames } from '../../src/test-support/fruits';
import { fruitPhotos } from './support/paths';
import { e2eToken, openStudioPage } from './support/session';
import { connectStudio, type StudioConnection } from './support/studio-client';

/**
 * The deck doctor as a teacher meets it: photos dropped onto two words, among them a re-saved copy
 * of an apple photo dropped under "Orange" and a dark photo; the Doctor tab's badge counts what the
 * doctor found by itself after the imports, the panel shows the copy side by side first, a fix is
 * applied (the check is then marked stale until "Check again") and undone,
 * a finding is kept (and stays kept after a reload), and the whole-deck check finds an orange under
 * "Apple" and moves it.
 */
test.describe.configure({ mode: 'serial' });

let studio: StudioConnection;
let page: Page;
let deck: DeckPage;
let deckId: number;
let tmp: string;
const files: Record<string, string> = {};

test.beforeAll(async ({ browser }, info) => {
  test.setTimeout(120_000);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-e2e-doctor-'));
  const apple = fruitPhotos('Apple', 14);
  files.copy = path.join(tmp, 'apple-copy.jpg');
  await sharp(apple[3]).jpeg({ quality: 60 }).toFile(files.copy);
  files.dark = path.join(tmp, 'dark-apple.jpg');
  await sharp(apple[13]).linear(0.28, 0).jpeg().toFile(files.dark);
  studio = await connectStudio(hostSocketUrl(), e2eToken());
  await studio.api.createProject({ name: 'Doctor lessons', languages: ['en'] });
  deckId = (await studio.api.createDeck({ name: 'Fruits' })).id;
  for (const key of ['Apple', 'Orange']) await studio.api.createClass({ deckId, key });
  page = await openStudioPage(browser, info.project.use.baseURL!);
  deck = new DeckPage(page);
});

test.afterAll(async () => {
  await page?.close();
  studio?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const doctorTab = () => page.getByRole('tab', { name: /Doctor/ });
const badge = () => page.getByTestId('doctor-badge');
const finding = (kind: string): Locator => page.locator(`[data-testid="finding"][data-kind="${kind}"]`);

test('after an import the Doctor tab counts what it found, the same photo under two words first', async () => {
  test.setTimeout(120_000);
  await page.goto(`/#/deck/${deckId}/photos`);
  await deck.dropOnCard('Apple', [...fruitPhotos('Apple', 12), files.dark]);
  await deck.expectCount('Apple', 13);
  // Orange frames 3 and 4 are the same picture (the camera and the fruit stood still): start after them.
  await deck.dropOnCard('Orange', [...fruitFrames('Orange').slice(5, 17), files.copy]);
  await deck.expectCount('Orange', 13);
  // The doctor ran by itself after the imports, once the photos were ready for training: the copy
  // under two words, the same apple photo as one that looks like another word, and the dark photo.
  await expect(badge()).toHaveAttribute('data-count', '3', { timeout: 60_000 });
  await snap(page, 'doctor-01-badge-after-import');

  await doctorTab().click();
  const groups = page.getByTestId('finding-group');
  await expect(groups.first()).toHaveAttribute('data-group', 'across');
  await expect(groups.first().getByRole('heading')).toHaveText('The same photo is under two words (1)');
  const copy = finding('duplicate');
  await expect(copy.getByTestId('finding-title')).toHaveText('The same photo is under two words: “Apple” and “Orange”');
  // Side by side: the apple photo and its copy, each with its word.
  await expect(copy.getByTestId('finding-photo')).toHaveCount(2);
  await expect(copy.getByTestId('finding-photo').filter({ hasText: 'apple-copy.jpg' })).toContainText('Orange');
  await expect(finding('dark').getByTestId('finding-title')).toHaveText('Too dark to see well, in “Apple”');
  await expect(finding('mislabel').getByTestId('finding-title')).toHaveText('This photo in “Orange” looks like “Apple”');
  // The studio got the photos ready for training in the background before this check, so it
  // compared them by content too: no "checked for copies, focus and light only" note.
  await expect(page.getByTestId('doctor-status')).toBeVisible();
  await expect(page.getByTestId('doctor-partial')).toHaveCount(0);
  await snap(page, 'doctor-02-panel-after-import');
});

test('deleting the copy takes it off the list and marks the check stale; Undo, and checking again, bring it back', async () => {
  const copy = finding('duplicate');
  await copy.getByTestId('finding-photo').filter({ hasText: 'apple-copy.jpg' }).getByRole('button', { name: 'Delete this one' }).click();
  await expect(finding('duplicate')).toHaveCount(0);
  await expect(page.getByText('Deleted 1 photo. Ctrl+Z undoes it.')).toBeVisible();
  // A fix does not start a check by itself: the badge and the panel say the deck changed since.
  await expect(badge()).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('doctor-stale')).toContainText('since the last check');
  // The badge counts what the panel lists: the copy just deleted has left both (the dark photo is left).
  await expect(page.getByTestId('finding')).toHaveCount(1);
  await expect(page.getByTestId('doctor-status')).toContainText('1 thing to look at');
  await expect(badge()).toHaveAttribute('data-count', '1');
  await expect(badge()).toContainText('1!');
  await snap(page, 'doctor-03-copy-deleted-stale');
  await page.getByTestId('doctor-check-again').click();
  await expect(page.getByTestId('doctor-stale')).toHaveCount(0, { timeout: 30_000 });
  await expect(badge()).toHaveAttribute('data-count', '1');
  await expect(badge()).toHaveAttribute('data-stale', 'false');
  await snap(page, 'doctor-03b-checked-again');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(badge()).toHaveAttribute('data-stale', 'true');
  expect((await studio.api.listPhotos({ deckId })).some((p) => p.originalName === 'apple-copy.jpg')).toBe(true);
  await page.getByTestId('doctor-check-again').click();
  await expect(finding('duplicate')).toHaveCount(1, { timeout: 30_000 });
  await expect(badge()).toHaveAttribute('data-count', '3');
  await expect(badge()).toHaveAttribute('data-stale', 'false');
});

test('"Keep as it is" stops flagging a photo, also after a reload', async () => {
  await finding('dark').getByRole('button', { name: 'Keep as it is: stop flagging' }).click();
  await expect(finding('dark')).toHaveCount(0);
  await expect(badge()).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('doctor-status')).toContainText('(1 kept as they are)');
  await page.reload();
  await expect(finding('duplicate')).toHaveCount(1);
  await expect(finding('dark')).toHaveCount(0);
  await expect(badge()).toHaveAttribute('data-count', '2');
});

test('the whole-deck check finds an orange under "Apple"; moving it fixes it and Undo puts it back', async () => {
  test.setTimeout(240_000);
  const orange = fruitFrames('Orange')[25];
  await page.getByRole('tab', { name: 'Photos' }).click();
  await deck.dropOnCard('Apple', [orange]);
  await deck.expectCount('Apple', 14);
  await doctorTab().click();
  await page.getByTestId('doctor-check').click();
  // No wait for the progress line: on a quiet machine 27 photos are checked before it can be seen
  // (and the check an import starts by itself may already be under way).
  await snap(page, 'doctor-04-checking');
  // The copy under "Orange" is an apple photo under the wrong word too; this one is the orange.
  const wrong = finding('mislabel').filter({ hasText: 'in “Apple” looks like “Orange”' });
  await expect(wrong).toHaveCount(1, { timeout: 180_000 });
  await expect(page.getByTestId('doctor-partial')).toHaveCount(0);
  await expect(wrong.getByTestId('finding-title')).toHaveText('This photo in “Apple” looks like “Orange”');
  await snap(page, 'doctor-05-mislabel-found');
  await wrong.getByRole('button', { name: 'Move to “Orange”' }).click();
  await expect(wrong).toHaveCount(0);
  await expect(page.getByText('Moved 1 photo to Orange. Ctrl+Z undoes it.')).toBeVisible();
  // The badge counts the findings the panel still lists, the moved one gone from both.
  const counts = async () => ({ badge: Number(await badge().getAttribute('data-count')), panel: await page.getByTestId('finding').count() });
  await expect
    .poll(
      async () => {
        const c = await counts();
        return c.badge === c.panel && c.panel > 0;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  const inOrange = async () => (await studio.api.listPhotos({ deckId })).find((p) => p.originalName === path.basename(orange))!.classId;
  const classes = await studio.api.listClasses({ deckId });
  const id = (key: string) => classes.find((c) => c.key === key)!.id;
  expect(await inOrange()).toBe(id('Orange'));
  await snap(page, 'doctor-06-moved');
  await page.getByRole('button', { name: 'Undo' }).click();
  // The deck is as it was checked again: the finding is back, and the report is up to date.
  await expect(wrong).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByTestId('doctor-stale')).toHaveCount(0);
  expect(await inOrange()).toBe(id('Apple'));
  await snap(page, 'doctor-07-move-undone');
});
