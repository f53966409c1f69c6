import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DeckPage } from './pages/deck-page';
import { ExportPage } from './pages/export-page';
import { snap } from './support/artifacts';
import { hostSocketUrl } from './support/camera-fruits';
import { fruitPhotos } from './support/paths';
import { connectStudio, type StudioConnection } from './support/studio-client';
import { e2eToken, openStudioPage } from './support/session';

/**
 * The Export screen. A project with a "Fruits" deck (four fruits, trained through the API) whose
 * French words for Dates and Mango were never written, a trained "Market" deck to stack with it, and
 * an untrained "Vegetables" deck. The teacher is refused, fills the words on the Photos tab, exports
 * (with the smaller, faster full-integer file), then exports both decks stacked into one model.
 */
test.describe.configure({ mode: 'serial' });

const WORDS: Record<string, Record<string, string>> = {
  Apple: { en: 'apple', fr: 'pomme', es: 'manzana' },
  Dates: { en: 'dates', es: 'dátiles' },
  Mango: { en: 'mango', es: 'mango' },
  Orange: { en: 'orange', fr: 'orange', es: 'naranja' },
  Beetroot: { en: 'beetroot', fr: 'betterave', es: 'remolacha' },
  Pomegranate: { en: 'pomegranate', fr: 'grenade', es: 'granada' },
};
const PER_WORD = 12;

let studio: StudioConnection;
let page: Page;
let exp: ExportPage;
let fruitsId: number;
let vegetablesId: number;
let projectDir: string;

/** A deck made of the first photos of each fruit, with its words, trained. */
async function trainedDeck(name: string, fruits: string[]): Promise<number> {
  const { api } = studio;
  const deck = await api.createDeck({ name });
  const sources = fruits.flatMap((fruit) => fruitPhotos(fruit, PER_WORD).map((p) => ({ path: p, relativePath: `${fruit}/${path.basename(p)}` })));
  await studio.waitForJob((await api.startImport({ deckId: deck.id, sources })).jobId);
  for (const c of await api.listClasses({ deckId: deck.id })) await api.updateClass({ classId: c.id, words: WORDS[c.key] });
  await studio.waitForJob((await api.startTraining({ deckId: deck.id })).jobId);
  return deck.id;
}

test.beforeAll(async ({ browser }, info) => {
  test.setTimeout(240_000);
  studio = await connectStudio(hostSocketUrl(), e2eToken());
  const project = await studio.api.createProject({ name: 'Export lessons', languages: ['en', 'fr', 'es'] });
  projectDir = project.dir;
  fruitsId = await trainedDeck('Fruits', ['Apple', 'Dates', 'Mango', 'Orange']);
  await trainedDeck('Market', ['Beetroot', 'Pomegranate']);
  vegetablesId = (await studio.api.createDeck({ name: 'Vegetables' })).id;
  page = await openStudioPage(browser, info.project.use.baseURL!);
  exp = new ExportPage(page);
});

test.afterAll(async () => {
  await page?.close();
  studio?.close();
});

test('an untrained deck says so and points to the Train tab', async () => {
  await exp.goto(vegetablesId);
  const notice = page.getByTestId('export-untrained');
  await expect(notice).toContainText('“Vegetables” is not trained yet');
  await expect(notice.getByRole('link', { name: 'Go to Train' })).toHaveAttribute('href', `#/deck/${vegetablesId}/train`);
  await snap(page, 'export-01-untrained');
});

test('refuses to export while French words are missing, naming the words and the language', async () => {
  await exp.goto(fruitsId);
  await expect(page.getByTestId('export-tab')).toBeVisible();
  // Everything is chosen by default: this deck, both kinds of file, every language of the project.
  for (const label of [/^TF\.js/, /^TensorFlow Lite/, 'English', 'French', 'Spanish']) await expect(exp.choice(label)).toBeChecked();
  await expect(exp.choice(/^Fruits/)).toBeDisabled();
  await expect(exp.choice(/^Market/)).not.toBeChecked();
  await expect(exp.choice(/^Vegetables/)).toBeDisabled();
  await expect(page.getByText('one model file that recognises both decks')).toBeVisible();

  await expect(exp.missingLine('fr')).toHaveText('French word missing for: Dates, Mango');
  await expect(exp.missingWords().locator('li')).toHaveCount(1);
  await expect(exp.exportButton()).toBeDisabled();
  await expect(exp.reason()).toHaveText('2 words are missing in French: fill them in first.');
  await snap(page, 'export-02-words-missing');

  // Leaving French out would be allowed: the refusal is about the chosen languages only.
  await exp.choice('French').uncheck();
  await expect(exp.missingWords()).toBeHidden();
  await expect(exp.exportButton()).toBeEnabled();
  await exp.choice('French').check();
  await expect(exp.exportButton()).toBeDisabled();
});

test('the teacher fills the words on the Photos tab and comes back', async () => {
  await expect(exp.missingWords()).toContainText('Export waits until they are written');
  await expect(exp.missingWords()).not.toContainText('would go out without');
  await exp.missingWords().getByRole('link', { name: 'Go to Photos to fill them (first: “Dates”)' }).click();
  const deck = new DeckPage(page);
  // It lands on the first missing word, shown and ready to type: no hunting for it.
  await expect(page.getByTestId('grid-title')).toHaveText('Dates');
  const first = deck.card('Dates').getByLabel('Word in French');
  await expect(first).toBeFocused();
  await expect(deck.card('Dates')).toBeInViewport();
  await snap(page, 'export-02b-first-missing-word');
  await page.keyboard.type('dattes');
  await page.keyboard.press('Enter');
  await expect(deck.card('Dates').getByTestId('word-fr')).toContainText('dattes');
  for (const [key, word] of [['Mango', 'mangue']]) {
    const row = deck.card(key).getByTestId('word-fr');
    await row.getByText('missing: click to add').click();
    await row.getByLabel('Word in French').fill(word);
    await row.getByLabel('Word in French').press('Enter');
    await expect(row).toContainText(word);
  }
  await exp.open();
  await expect(exp.missingWords()).toBeHidden();
  await expect(exp.exportButton()).toBeEnabled();
  // The smaller file says, in a teacher's words, what it gives, what it costs and what it runs on.
  const smaller = exp.choice(/smaller TensorFlow Lite file/);
  await expect(smaller).not.toBeChecked();
  await expect(page.getByText('Also a smaller TensorFlow Lite file: smaller and faster on phones, very slightly less exact')).toBeVisible();
  await expect(page.getByText(/Runs on the phone’s processor and on its AI chip/)).toBeVisible();
  await expect(page.getByText('for Android and iOS apps; runs on every phone')).toBeVisible();
  await smaller.check();
  await snap(page, 'export-03-ready');
});

/** The first file an export has written into its (hidden, staging) folder below `dir`, or null. */
function firstFileBelow(dir: string): string | null {
  if (!fs.existsSync(dir)) return null;
  const file = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).find((e) => e.isFile());
  return file ? path.join(file.parentPath, file.name) : null;
}

test('Cancel stops the export half-way through writing and leaves nothing behind', async () => {
  const exportsDir = path.join(projectDir, 'exports');
  expect(firstFileBelow(exportsDir)).toBeNull();
  await exp.exportButton().click();
  const cancel = exp.running().getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeEnabled();
  // Cancel once the first file is on disk, so there is something half-written to clean up.
  await expect.poll(() => firstFileBelow(exportsDir), { intervals: [5], timeout: 60_000 }).not.toBeNull();
  await cancel.click();
  await expect(page.getByTestId('export-cancelled')).toContainText('Nothing was written.');
  await expect(exp.exportButton()).toBeEnabled();
  // Neither a finished folder nor a hidden half-written one.
  expect(fs.readdirSync(path.join(projectDir, 'exports'))).toEqual([]);
  await page.getByTestId('export-cancelled').getByRole('button', { name: 'Close' }).click();
});

test('exports: progress with its phase, then the files with their sizes and the TensorFlow Lite check', async () => {
  // Read from a record: on a quiet machine the whole export can take under two seconds.
  await exp.recordRunning();
  await exp.exportButton().click();
  await snap(page, 'export-04-exporting');
  await expect(exp.ready()).toBeVisible({ timeout: 60_000 });
  const running = await exp.recordedRunning();
  expect(
    running.phases.some((p) => /Loading the base network|Writing the|Checking the TFLite|Tuning the int8|Checking the int8|Zipping|Starting/.test(p)),
  ).toBe(true);
  expect(running.cancel).toBe(true);
  for (const name of [
    'tfjs/model.json',
    'tfjs/weights.bin',
    'tfjs/metadata.json',
    'tflite/fruits.tflite',
    'tflite/fruits-full-int8.tflite',
    'README.md',
  ]) {
    await expect(exp.file(name).getByTestId('file-size')).toHaveText(/^\d+(\.\d)? (bytes|KB|MB)$/);
  }
  const parity = page.getByTestId('parity');
  await expect(parity).toHaveAttribute('data-state', 'passed');
  await expect(parity).toContainText(/^Checked with TensorFlow Lite on (\d+) photos: same answer on all \1, largest difference [\d.]+(e-\d+)?/);
  // Checked in TensorFlow Lite's integer kernels on the validation photos, tuned on the others.
  await expect(page.getByTestId('int8')).toHaveAttribute('data-state', 'passed');
  await expect(page.getByTestId('int8')).toContainText(
    /^Smaller, faster file: \d+ KB instead of [\d.]+ (KB|MB)\. Checked with TensorFlow Lite on (\d+) photos: the full model’s word on (all \d+|\d+ of \d+); it recognised \d+ of them.*\. Tuned on \d+ of the deck’s photos\./,
  );
  await expect(exp.file('tflite/fruits-full-int8.tflite')).toContainText(
    'smaller, faster TensorFlow Lite model (int8), for phone processors and AI chips',
  );

  // Written where the screen says, and the zip downloads from the browser host.
  const folder = (await exp.ready().getByTestId('export-folder').textContent()) ?? '';
  expect(folder.startsWith(path.join(projectDir, 'exports') + path.sep)).toBe(true);
  expect(fs.existsSync(path.join(folder, 'tflite', 'fruits.tflite'))).toBe(true);
  const href = (await exp.ready().getByTestId('download-zip').getAttribute('href')) ?? '';
  const zip = await page.request.get(href);
  expect(zip.status()).toBe(200);
  const bytes = await zip.body();
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  expect(bytes.length).toBe(fs.statSync(path.join(folder, `${path.basename(folder)}.zip`)).size);
  await expect(page.getByTestId('export-history')).toContainText('None before this one.');
  await snap(page, 'export-05-done');
  await exp.scrollTo('export-ready');
  await snap(page, 'export-06-files');

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await exp.ready().getByRole('button', { name: 'Copy path' }).click();
  await expect(exp.ready().getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(folder);
});

test('stacks a second deck into the same model, and lists the first export under earlier exports', async () => {
  await exp.choice(/^Market/).check();
  await exp.choice(/^TensorFlow Lite/).uncheck();
  await expect(exp.choice(/smaller TensorFlow Lite file/)).toBeDisabled();
  await exp.exportButton().click();
  await expect(exp.ready().getByTestId('export-decks')).toHaveText(
    'One model that recognises both decks: Fruits (version 1) and Market (version 1)',
    { timeout: 60_000 },
  );
  await expect(exp.ready()).toContainText('No TensorFlow Lite file');
  await expect(exp.file('tfjs/model.json')).toBeVisible();
  await expect(exp.history()).toHaveCount(1);
  await expect(exp.history().first()).toContainText('Fruits v1');
  await expect(exp.history().first()).toContainText('TF.js and TensorFlow Lite (with the smaller, faster file) · English, French, Spanish');
  await snap(page, 'export-07-stacked');
  await exp.scrollTo('export-history');
  await snap(page, 'export-08-history');
});
