import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_SETTINGS } from '../../src/core/ml/training/training-settings';
import { heldBackCount } from '../../src/shared/validation-split';
import { DeckPage } from './pages/deck-page';
import { ProjectPage } from './pages/project-page';
import { StartPage } from './pages/start-page';
import { TrainPage } from './pages/train-page';
import { snap } from './support/artifacts';
import { e2eDir, FRUITS } from './support/paths';
import { openStudioPage } from './support/session';

/**
 * A teacher trains a model on fruit photos: six words, ten photos each, and one orange photo filed
 * under "Apple" by mistake (the last apple, so it is held back and the model's mix-up shows). Then a
 * longer second run is cancelled half-way and the first model stays; a third run is compared with it.
 */
test.describe.configure({ mode: 'serial' });

const FRUIT_WORDS: [string, string, string, string][] = [
  // key (folder name), English, French, Spanish
  ['Apple', 'apple', 'pomme', 'manzana'],
  ['Beetroot', 'beetroot', 'betterave', 'remolacha'],
  ['Dates', 'dates', 'dattes', 'dátiles'],
  ['Mango', 'mango', 'mangue', 'mango'],
  ['Orange', 'orange', 'orange', 'naranja'],
  ['Pomegranate', 'pomegranate', 'grenade', 'granada'],
];
const PER_WORD = 10;

const framesOf = (fruit: string) =>
  fs
    .readdirSync(path.join(FRUITS, fruit))
    .filter((f) => f.endsWith('.jpg'))
    .sort()
    .map((f) => path.join(FRUITS, fruit, f));

let page: Page;
let deck: DeckPage;
let train: TrainPage;

test.beforeAll(async ({ browser }, info) => {
  page = await openStudioPage(browser, info.project.use.baseURL!);
  deck = new DeckPage(page);
  train = new TrainPage(page);
});

test.afterAll(async () => {
  await page.close();
});

test('a deck of six fruits, ten photos each, with one photo under the wrong word', async () => {
  const start = new StartPage(page);
  await start.goto();
  const dialog = await start.openNewProjectDialog();
  await start.fillNewProject(dialog, { name: 'Fruit lessons', teacher: 'English', pupils: ['French', 'Spanish'] });
  await start.createProject(dialog);
  await new ProjectPage(page).newDeck('Fruits');
  // Nothing to learn from yet: Train says why it cannot start.
  await train.open();
  await expect(train.trainButton()).toBeDisabled();
  await expect(page.getByTestId('train-blocked')).toHaveText(/at least two words with photos/);
  await snap(page, 'train-00-not-ready');
  await page.getByRole('tab', { name: 'Photos' }).click();

  // The first ten frames of each fruit, as a folder of word folders.
  const root = path.join(e2eDir(), 'train-photos', 'Fruits');
  for (const [fruit] of FRUIT_WORDS) {
    fs.mkdirSync(path.join(root, fruit), { recursive: true });
    for (const f of framesOf(fruit).slice(0, PER_WORD)) fs.copyFileSync(f, path.join(root, fruit, path.basename(f)));
  }
  await page.getByTestId('photo-folder-input').setInputFiles(root);
  const report = deck.report();
  await expect(report).toBeVisible();
  await expect(report.getByTestId('report-success')).toContainText(String(FRUIT_WORDS.length * PER_WORD));
  await report.getByRole('button', { name: 'OK' }).click();
  for (const [fruit] of FRUIT_WORDS) await deck.expectCount(fruit, PER_WORD);

  await page.getByTestId('words-csv-input').setInputFiles({
    name: 'words.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(['key,en,fr,es', ...FRUIT_WORDS.map((w) => w.join(','))].join('\n') + '\n'),
  });
  await expect(deck.card('Apple').getByTestId('word-fr')).toContainText('pomme');

  // A photo of an orange dropped on Apple: the newest apple photo, so it lands among the held-back ones.
  await deck.dropOnCard('Apple', [framesOf('Orange')[30]]);
  await deck.expectCount('Apple', PER_WORD + 1);
});

test('the Train tab says what training will do and on what', async () => {
  await train.open();
  // Apple has the extra orange; the default settings hold back 20%, counted by the core's own rule.
  const counts = FRUIT_WORDS.map(([key]) => (key === 'Apple' ? PER_WORD + 1 : PER_WORD));
  const heldBack = counts.reduce((a, n) => a + heldBackCount(n, DEFAULT_SETTINGS.validationShare), 0);
  const total = counts.reduce((a, n) => a + n, 0);
  await expect(page.getByTestId('train-plan')).toHaveText(
    `Learns your 6 words from ${total - heldBack} photos and checks itself on ${heldBack} it has not seen. Takes a few seconds.`,
  );
  await expect(page.getByTestId('ml-backend')).toContainText(/Computing with (WebAssembly|TensorFlow|plain JavaScript)/);
  await expect(page.getByTestId('no-model')).toBeVisible();
  await expect(train.trainButton()).toBeEnabled();
  await snap(page, 'train-01-ready');
  await train.openSettings();
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('50');
  await snap(page, 'train-02-settings');
  await page.getByRole('button', { name: /Advanced settings/ }).click();
});

test('trains, and the curves grow epoch by epoch', async () => {
  await train.recordEpochs();
  await train.trainButton().click();
  await expect(train.results()).toBeVisible({ timeout: 60_000 });
  await expect(train.runCard()).toBeHidden();
  // The run card named its steps. Read from a record: the photos were got ready for training in the
  // background after the import, so on a quiet machine the whole run lasts about a second.
  expect((await train.recordedPhases()).some((p) => /^Step \d of 4 · /.test(p))).toBe(true);

  const { epochs, points } = await train.recordedEpochs();
  // The counter and the chart moved forward and never back. With the features prepared in the
  // background a 50-epoch run is over in about a second, so a clean machine may paint only two of its
  // states (seen in CI); the longer run below watches the growth closely. The saved curves hold every epoch.
  expect(epochs.length).toBeGreaterThanOrEqual(2);
  expect(epochs.every((e, i) => i === 0 || e > epochs[i - 1])).toBe(true);
  expect(epochs.at(-1)).toBeLessThanOrEqual(50);
  const growing = points.slice(0, points.indexOf(Math.max(...points)) + 1);
  expect(growing.length).toBeGreaterThanOrEqual(2);
  expect(growing.every((p, i) => i === 0 || p > growing[i - 1])).toBe(true);
  await expect(page.getByTestId('section-curves').getByTestId('accuracy-chart')).toHaveAttribute('data-points', '50');
});

test('reads the accuracy, the words it mixes up and the photo it got wrong', async () => {
  await expect(page.getByTestId('results-title')).toHaveText('Version 1');
  // The photo features of that run came from TensorFlow Lite, and the screen says so once it is known.
  await expect(page.getByTestId('ml-backend')).toContainText('photo features with TensorFlow Lite (XNNPACK)');
  const sentence = page.getByTestId('accuracy-text');
  await expect(sentence).toHaveText(/^\d+% of the photos it had not seen were recognised \(\d+ of 12\)\.$/);
  await snap(page, 'train-03-results');

  await expect(page.getByTestId('class-accuracy')).toHaveAttribute('data-bars', '6');
  await expect(page.getByTestId('confusion-cell')).toHaveCount(36);
  // The orange photo filed under Apple was held back and recognised as an orange.
  await expect(train.cell('Apple', 'Orange')).toHaveText('1');
  const cellTotal = await page.getByTestId('confusion-cell').evaluateAll((cells) => cells.reduce((s, c) => s + Number(c.textContent), 0));
  expect(cellTotal).toBe(12);
  await train.scrollToSection('section-confusion');
  await snap(page, 'train-04-matrix');

  const wrong = page.getByTestId('misclassified-photo').filter({ hasText: 'is: apple' });
  await expect(wrong).toHaveCount(1);
  await expect(wrong.getByTestId('misclassified-said')).toHaveText(/^model said: orange \(\d+%\)$/);
  await expect.poll(() => wrong.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  await train.scrollToSection('section-misclassified');
  await snap(page, 'train-05-misclassified');
});

test('tries a photo it has never seen', async () => {
  await train.dropToTry([framesOf('Mango')[35]]);
  const tried = page.getByTestId('tried-photo');
  await expect(tried.getByTestId('prediction')).toHaveCount(3);
  await expect(tried.getByTestId('prediction-word').first()).toContainText('mango');
  await expect(tried.getByTestId('prediction-pupil-words').first()).toHaveText('French: mangue · Spanish: mango');
  await train.scrollToSection('section-try');
  await snap(page, 'train-06-try-photo');
});

test('cancels a longer second run half-way and keeps the first model', async () => {
  await page.getByTestId('train-main').evaluate((el) => el.scrollTo(0, 0));
  // Batch size 1 makes each epoch slow enough to watch; it is stopped long before its 300 epochs,
  // once the chart has grown step by step for a dozen (a loaded machine runs about one a second).
  await train.setSetting('Epochs', '300');
  await train.setSetting('Batch size', '1');
  await train.expectChangedSettings(2);
  // Every view of every photo is a batch of its own now: the plan says minutes, not seconds.
  await expect(page.getByTestId('train-plan')).toContainText('Takes about 4 minutes.');
  await train.recordEpochs();
  await train.trainButton().click();
  await expect.poll(() => train.currentEpoch(), { timeout: 60_000 }).toBeGreaterThanOrEqual(12);
  // One source per number (issue 11, point 9): the epoch shows once (the curves' heading), and the
  // job's time left once, from the core's single estimate.
  await expect(page.getByTestId('run-details')).toHaveText(/^(about \d+ (seconds|minutes?) left|almost done)$/);
  const card = await train.runCard().innerText();
  expect(card.match(/epoch \d+/gi)).toHaveLength(1);
  expect(card.match(/ left\b|almost done/g)).toHaveLength(1);
  await snap(page, 'train-07-second-run');
  await train.runCard().getByRole('button', { name: 'Cancel' }).click();

  const stopped = page.getByTestId('run-cancelled');
  await expect(stopped).toContainText(/Training stopped after epoch \d+ of 300\./);
  await expect(stopped).toContainText('Nothing was saved: the deck keeps its previous model, Version 1');
  const { epochs, points } = await train.recordedEpochs();
  expect(epochs.length).toBeGreaterThanOrEqual(10);
  expect(epochs.every((e, i) => i === 0 || e > epochs[i - 1])).toBe(true);
  expect(points.length).toBeGreaterThanOrEqual(10);
  expect(points.every((p, i) => i === 0 || p > points[i - 1])).toBe(true);
  expect(epochs.at(-1)).toBeLessThan(300);
  await expect(train.versions()).toHaveCount(1);
  await expect(train.versions().first()).toHaveAttribute('data-current', 'true');
  await expect(page.getByTestId('results-title')).toHaveText('Version 1');
  await snap(page, 'train-08-cancelled');
});

test('trains again with other settings and compares the two versions', async () => {
  await train.resetSettings();
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('50');
  await train.setSetting('Epochs', '20');
  await train.setSetting('Hidden units', '0');
  await train.expectChangedSettings(2);
  await train.trainButton().click();
  await expect(page.getByTestId('results-title')).toHaveText('Version 2', { timeout: 60_000 });
  await expect(train.versions()).toHaveCount(2);
  await expect(page.locator('[data-testid="version-item"][data-current="true"]')).toHaveAttribute('data-number', '2');

  await page.getByRole('checkbox', { name: 'Compare version 1' }).check();
  await page.getByRole('checkbox', { name: 'Compare version 2' }).check();
  await page.getByRole('button', { name: 'Compare the two ticked' }).click();
  const compare = page.getByTestId('compare');
  await expect(compare.getByTestId('compare-column')).toHaveCount(2);
  await expect(compare.getByTestId('setting-changed')).toHaveCount(2);
  await expect(compare.getByTestId('setting-changed').first()).toContainText(/Epochs\s*50\s*20/);
  await page.getByTestId('train-main').evaluate((el) => el.scrollTo(0, 0));
  await snap(page, 'train-09-compare');
  await train.scrollToSection('compare-words');
  await snap(page, 'train-09b-compare-words-curves');
  await compare.getByRole('button', { name: 'Close comparison' }).click();
  await expect(train.results()).toBeVisible();
});

test('explains a run that went wrong, and keeps the model in use', async () => {
  await train.resetSettings();
  // A learning rate this large makes the numbers overflow in the first epoch.
  await train.setSetting('Learning rate', '1e30');
  await train.expectChangedSettings(1);
  await train.trainButton().click();
  const card = train.runCard();
  await expect(card.getByRole('alert')).toContainText(/learning rate/i);
  await expect(card).toContainText('Nothing was saved: the deck keeps its previous model, Version 2');
  await expect(train.versions()).toHaveCount(2);
  await snap(page, 'train-10-diverged');
  await train.resetSettings();
});
