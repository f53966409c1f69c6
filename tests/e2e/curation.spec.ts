import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DeckPage } from './pages/deck-page';
import { ProjectPage } from './pages/project-page';
import { StartPage } from './pages/start-page';
import { snap } from './support/artifacts';
import { e2eDir, FIXTURES, fruitPhotos } from './support/paths';
import { openStudioPage } from './support/session';

/**
 * A teacher's first session, step by step in one browser tab against the real core: a project in
 * French and Spanish, a deck "Fruits", photos dropped and picked, sorted, reloaded, and bad files explained.
 */
test.describe.configure({ mode: 'serial' });

let page: Page;
let start: StartPage;
let project: ProjectPage;
let deck: DeckPage;

test.beforeAll(async ({ browser }, info) => {
  page = await openStudioPage(browser, info.project.use.baseURL!);
  start = new StartPage(page);
  project = new ProjectPage(page);
  deck = new DeckPage(page);
});

test.afterAll(async () => {
  await page.close();
});

test('creates a project whose pupils learn French and Spanish', async () => {
  // The empty start (no project ever opened) is first-run.spec.ts's, which runs before every spec.
  await start.goto();
  const dialog = await start.openNewProjectDialog();
  await start.fillNewProject(dialog, { name: 'Year 5 Languages', teacher: 'English', pupils: ['French', 'Spanish'] });
  await expect(dialog.getByRole('button', { name: 'French' })).toBeVisible();
  // Escape in a language field closes its list, then lets go of the field: never the whole dialog.
  const pupils = dialog.getByTestId('pupil-languages');
  await pupils.click();
  await expect(page.getByRole('listbox')).toBeVisible();
  await pupils.press('Escape');
  await expect(page.getByRole('listbox')).toBeHidden();
  await expect(dialog).toBeVisible();
  await pupils.press('Escape');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Project name')).toHaveValue('Year 5 Languages');
  await snap(page, '02-new-project-dialog');
  await start.createProject(dialog);
  await project.expectOpen('Year 5 Languages');
  await expect(page.getByRole('button', { name: /English → French, Spanish/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Make your first deck' })).toBeVisible();
  await snap(page, '03-project-empty');
});

test('makes the deck "Fruits" with words in every language', async () => {
  await project.newDeck('Fruits');
  await expect(page.getByTestId('grid-empty')).toBeVisible();
  await deck.addWord('apple', { English: 'apple', French: 'pomme', Spanish: 'manzana' });
  await deck.addWord('orange', { English: 'orange', French: 'orange', Spanish: 'naranja' });
  await page.getByRole('button', { name: 'Add word' }).click();
  await page.getByRole('dialog', { name: 'Add a word' }).getByLabel('Short name').fill('mango');
  await snap(page, '04-add-word-dialog');
  await page.getByRole('dialog', { name: 'Add a word' }).getByRole('button', { name: 'Cancel' }).click();
  await deck.addWord('mango', { English: 'mango', French: 'mangue' });
  await expect(deck.card('apple').getByTestId('word-fr')).toContainText('pomme');
  // A word not written yet is marked, and can be filled in place.
  const spanish = deck.card('mango').getByTestId('word-es');
  await expect(spanish).toContainText('missing');
  await snap(page, '05-deck-words');
  await spanish.getByText('missing').click();
  await spanish.getByRole('textbox').fill('mango');
  await spanish.getByRole('textbox').press('Enter');
  await expect(spanish).toContainText('mango');
  await expect(spanish).not.toContainText('missing');
});

test('drops 12 fruit photos onto two words and sees them in the grid', async () => {
  await deck.dropOnCard('apple', fruitPhotos('Apple', 6));
  await deck.expectCount('apple', 6);
  await deck.dropOnCard('orange', fruitPhotos('Orange', 6));
  await deck.expectCount('orange', 6);
  await deck.showAll();
  await expect(page.getByTestId('grid-count')).toHaveText('12 photos');
  await expect(deck.photos()).toHaveCount(12);
  // Thumbnails come from the open project through the host.
  await expect
    .poll(() =>
      deck
        .photos()
        .first()
        .locator('img')
        .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    )
    .toBeGreaterThan(0);
  await expect(deck.card('mango').getByTestId('class-warning')).toContainText('No photos yet');
  await snap(page, '06-deck-photos');
  await deck.showClass('apple');
  await expect(deck.photos()).toHaveCount(6);
});

test('adds photos with the file picker and a folder with the folder picker', async () => {
  const chooser = page.waitForEvent('filechooser');
  await deck.card('mango').getByRole('button', { name: 'Add photos to mango' }).click();
  await (await chooser).setFiles(fruitPhotos('Mango', 3));
  await deck.expectCount('mango', 3);

  // A folder named after a word that does not exist yet makes that word.
  const folder = path.join(e2eDir(), 'picked', 'Dates');
  fs.mkdirSync(folder, { recursive: true });
  for (const f of fruitPhotos('Dates', 5)) fs.copyFileSync(f, path.join(folder, path.basename(f)));
  await page.getByTestId('photo-folder-input').setInputFiles(folder);
  const report = deck.report();
  await expect(report).toBeVisible();
  await expect(report.getByTestId('report-success')).toContainText('5');
  await expect(report).toContainText('New words made from folder names: Dates');
  await snap(page, '07-import-report-folder');
  await report.getByRole('button', { name: 'OK' }).click();
  await deck.expectCount('Dates', 5);
});

test('moves photos to the other word by menu and by drag', async () => {
  await deck.showClass('apple');
  await deck.photos().first().click();
  await expect(page.getByTestId('selection-count')).toHaveText('1 of 6 selected');
  await snap(page, '08-photo-selected');
  await deck.moveSelectedTo('orange');
  await deck.expectCount('apple', 5);
  await deck.expectCount('orange', 7);
  await expect(deck.photos()).toHaveCount(5);

  // Shift-click selects a range; the selection is dragged onto a word's card.
  await deck.photos().nth(0).click();
  await deck
    .photos()
    .nth(1)
    .click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-count')).toHaveText('2 of 5 selected');
  await deck.photos().nth(1).dragTo(deck.card('orange'));
  await deck.expectCount('apple', 3);
  await deck.expectCount('orange', 9);
});

test('finds everything again after reloading the page', async () => {
  await page.reload();
  await expect(page.getByTestId('deck-title')).toHaveText('Fruits');
  await deck.expectCount('apple', 3);
  await deck.expectCount('orange', 9);
  await deck.expectCount('mango', 3);
  await deck.expectCount('Dates', 5);
  await expect(deck.card('apple').getByTestId('word-es')).toContainText('manzana');
  await expect(deck.card('mango').getByTestId('word-es')).toContainText('mango');
  await expect(page.getByTestId('grid-count')).toHaveText('20 photos');
  await expect(deck.photos()).toHaveCount(20);
  await expect(page.getByTestId('deck-item').filter({ hasText: 'Fruits' })).toContainText('20 photos');
});

test('opens a photo large', async () => {
  await deck.showClass('orange');
  await deck.photos().first().dblclick();
  const large = page.getByTestId('photo-large');
  await expect(large).toBeVisible();
  await expect.poll(() => large.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1280);
  await expect(page.getByRole('dialog')).toContainText('1 of 9');
  await snap(page, '09-photo-large');
  await page.getByRole('button', { name: 'Next photo' }).click();
  await expect(page.getByRole('dialog')).toContainText('2 of 9');
  await page.getByRole('button', { name: 'Close', exact: true }).click();
});

test('deletes a photo and brings it back with Undo', async () => {
  await deck.showClass('orange');
  await deck.photos().first().click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await deck.expectCount('orange', 8);
  await expect(page.getByText('Deleted 1 photo.')).toBeVisible();
  await snap(page, '10-deleted-undo');
  await page.getByRole('button', { name: 'Undo' }).click();
  await deck.expectCount('orange', 9);
});

test('shows live progress while photos are added, and Cancel stops it', async () => {
  // Let two uploads through, then hold the rest until Cancel has been clicked: the card is caught
  // mid-way however fast or slow the machine is (a timer-based delay raced the screenshot under load).
  let release: () => void = () => undefined;
  const cancelClicked = new Promise<void>((resolve) => (release = resolve));
  let uploads = 0;
  await page.route('**/upload/**', async (route) => {
    uploads++;
    if (uploads > 2) await cancelClicked;
    // A held upload the page has since aborted can no longer be continued: nothing to do then.
    await route.continue().catch(() => undefined);
  });
  await deck.dropOnCard('mango', fruitPhotos('Mango', 12).slice(3));
  const progress = page.getByTestId('import-progress');
  await expect(progress).toContainText('Adding photos to mango');
  await expect(progress).toContainText(/Getting files ready: [1-8] of 9/);
  await snap(page, '11-import-progress');
  await progress.getByRole('button', { name: 'Cancel' }).click();
  release();
  await expect(page.getByText('Import stopped before any photo was added.')).toBeVisible();
  await expect(progress).toBeHidden();
  await page.unrouteAll({ behavior: 'wait' });
  await deck.expectCount('mango', 3);
});

test('explains on screen why a corrupt file was refused', async () => {
  const corrupt = path.join(FIXTURES, 'pngsuite/xcsn0g01.png');
  const notPng = path.join(FIXTURES, 'pngsuite/xs1n0g01.png');
  await deck.dropOnCard('mango', [corrupt, notPng]);
  const report = deck.report();
  await expect(report).toBeVisible();
  await expect(report.getByTestId('report-error')).toContainText('2');
  const refused = report.getByTestId('refused-file');
  await expect(refused).toHaveCount(2);
  await expect(refused.filter({ hasText: 'xcsn0g01.png' })).toContainText(/damaged|corrupt|could not be read|incomplete/i);
  await expect(refused.filter({ hasText: 'xs1n0g01.png' })).toContainText(/not a (photo|picture)|not an image|unsupported|cannot read|damaged/i);
  await snap(page, '12-import-report-refused');
  await report.getByRole('button', { name: 'OK' }).click();
  await deck.expectCount('mango', 3);
});

test("explains the word list format, offers a template and fills the teacher's language from the key", async () => {
  await page.getByRole('button', { name: 'Import words (CSV)' }).click();
  const dialog = page.getByTestId('words-csv-dialog').getByRole('dialog');
  await expect(dialog).toHaveAccessibleName('Words from a spreadsheet');
  // The example uses this project's languages, the teacher's own first.
  const example = dialog.getByTestId('words-csv-example');
  await expect(example.getByRole('row').first()).toHaveText('keyenfres');
  await expect(example.getByRole('row').nth(1)).toHaveText('appleapplepommemanzana');
  await snap(page, '13-csv-dialog');
  // The template is the deck's words so far, ready to fill in a spreadsheet.
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download a template' }).click()]);
  expect(download.suggestedFilename()).toBe('Fruits words.csv');
  const template = fs
    .readFileSync(await download.path(), 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n');
  // Dates came from a folder: its English is its folder name, the gaps are left to fill.
  expect(template).toEqual([
    'key,en,fr,es',
    'apple,apple,pomme,manzana',
    'orange,orange,orange,naranja',
    'mango,mango,mangue,mango',
    'Dates,Dates,,',
    '',
  ]);

  await page.getByTestId('words-csv-input').setInputFiles({
    name: 'words.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('key,fr,es\napple,pomme,manzana\norange,orange,naranja,naranjo\n'),
  });
  await expect(dialog).toHaveAccessibleName('The word list could not be read');
  await expect(dialog).toContainText('line 3');
  await snap(page, '13-csv-error');

  // The list the app's own example suggests (key,fr,es) leaves no word without English.
  await page.getByTestId('words-csv-input').setInputFiles({
    name: 'words.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('key,fr,es\nDates,dattes,dátiles\nkiwi,kiwi,kiwi\n'),
  });
  await expect(page.getByText(/Word list read: 1 word updated, 1 new/)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(deck.card('Dates').getByTestId('word-fr')).toContainText('dattes');
  await expect(deck.card('kiwi').getByTestId('word-en')).toContainText('kiwi');
  // "Dates" came from a folder name: its English word is the folder's name.
  await expect(deck.card('Dates').getByTestId('word-en')).toContainText('Dates');
  await snap(page, '14-deck-after-csv');
});

test('asks which word loose photos dropped on the deck belong to', async () => {
  await deck.showAll();
  await deck.dropOnDeck(fruitPhotos('Pomegranate', 2));
  const dialog = page.getByRole('dialog', { name: 'Which word do these 2 photos show?' });
  await expect(dialog).toBeVisible();
  await snap(page, '15-choose-word');
  await dialog.getByRole('button', { name: /^kiwi/ }).click();
  await deck.expectCount('kiwi', 2);
});

test('lists recent projects and greys out one whose folder has gone', async () => {
  await project.closeProject();
  await expect(start.recent('Year 5 Languages')).toBeVisible();
  const dialog = await start.openNewProjectDialog();
  await start.fillNewProject(dialog, { name: 'Old class', teacher: 'English', pupils: ['German'] });
  await start.createProject(dialog);
  await project.expectOpen('Old class');
  await project.closeProject();
  fs.rmSync(path.join(e2eDir(), 'projects', 'Old class.magritte'), { recursive: true, force: true });
  await page.reload();
  await expect(start.recent('Old class')).toBeDisabled();
  await expect(start.recent('Old class')).toContainText('Not found');
  await expect(page.getByText(/Greyed-out projects were not found/)).toBeVisible();
  await snap(page, '16-start-recent');
  await start.recent('Year 5 Languages').click();
  await project.expectOpen('Year 5 Languages');
  await deck.expectCount('orange', 9);
});
