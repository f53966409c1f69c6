import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { JobProgress } from '../../src/shared/domain';
import Database from 'better-sqlite3';
import { blobPath } from '../../src/core/store/paths';
import { FRUIT_CLASSES, fruitFrames, fruitSources, SHARED } from '../../src/test-support/fruits';
import { DeckPage } from './pages/deck-page';
import { ProjectPage } from './pages/project-page';
import { StartPage } from './pages/start-page';
import { TrainPage } from './pages/train-page';
import { snap } from './support/artifacts';
import { hostSocketUrl } from './support/camera-fruits';
import { ARTIFACTS, e2eDir } from './support/paths';
import { e2eToken, openStudioPage } from './support/session';
import { connectStudio, type StudioConnection } from './support/studio-client';

/**
 * Photos get ready for training in the background: a teacher drops a folder of 60 fruit photos,
 * sees a quiet line beside the deck's name counting them ("Getting photos ready for training: 20 of
 * 60"), then "Ready to train"; the training that follows finds every feature already computed.
 */
const PER_WORD = 10;
const PHOTOS = FRUIT_CLASSES.length * PER_WORD;

let studio: StudioConnection;
let page: Page;
let deckId: number;

test.beforeAll(async ({ browser }, info) => {
  studio = await connectStudio(hostSocketUrl(), e2eToken());
  await studio.api.createProject({ name: 'Ready lessons', languages: ['en'] });
  deckId = (await studio.api.createDeck({ name: 'Fruits' })).id;
  page = await openStudioPage(browser, info.project.use.baseURL!);
});

test.afterAll(async () => {
  await page?.close();
  studio?.close();
});

test('after an import the deck says it is getting its photos ready, then the first training needs no feature work', async () => {
  test.setTimeout(180_000);
  const root = path.join(e2eDir(), 'prepare-photos', 'Fruits');
  for (const fruit of FRUIT_CLASSES) {
    fs.mkdirSync(path.join(root, fruit), { recursive: true });
    for (const f of fruitFrames(fruit).slice(0, PER_WORD)) fs.copyFileSync(f, path.join(root, fruit, path.basename(f)));
  }
  await page.goto(`/#/deck/${deckId}/photos`);
  const deck = new DeckPage(page);
  await recordLine(page);
  await page.getByTestId('photo-folder-input').setInputFiles(root);
  const report = deck.report();
  // Copying 60 photos in takes a while on a busy machine.
  await expect(report.getByTestId('report-success')).toContainText(String(PHOTOS), { timeout: 90_000 });
  await report.getByRole('button', { name: 'OK' }).click();

  // A quiet line beside the deck's name counts the photos as they get ready: no dialog, no alarm.
  const line = page.getByTestId('training-preparation');
  // The count is read from the page's record: on a quiet machine it may be over before a look at the screen.
  const counting = new RegExp(`^Getting photos ready for training: \\d+ of ${PHOTOS}$`);
  await expect.poll(async () => (await recordedLine(page)).some((t) => counting.test(t)), { timeout: 30_000 }).toBe(true);
  // At once (not through snap, which lets the page settle): 60 photos get ready in a few seconds.
  await page.screenshot({ path: path.join(ARTIFACTS, 'prepare-01-getting-ready.png') });
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(line).toHaveText('Ready to train', { timeout: 120_000 });
  await snap(page, 'prepare-02-ready');
  // While photos waited or were counted the line said so; "Ready to train" came only at the end.
  const said = await recordedLine(page);
  expect(said.filter((t) => /^Getting photos ready for training/.test(t)).length, said.join(' | ')).toBeGreaterThan(0);
  expect(said.indexOf('Ready to train')).toBe(said.length - 1);

  // Train: its features step finds everything computed (how long that takes is the first-train bench's business).
  const messages: string[] = [];
  const off = studio.on('job.progress', (p: JobProgress) => p.kind === 'training' && messages.push(p.message));
  const train = new TrainPage(page);
  await train.open();
  await train.trainButton().click();
  await expect(train.results()).toBeVisible({ timeout: 60_000 });
  off();
  expect(messages).toContain(`Step 2 of 4 · Features already computed for all ${PHOTOS} photos`);
  expect(messages.filter((m) => m.includes('Computing features'))).toEqual([]);
  // Once a training has started, "Ready to train" has nothing more to say: it would sit beside the run.
  await expect(line).toHaveCount(0);
});

test('a project closed before its photos were ready gets them ready when opened again, all but one whose file was damaged meanwhile', async () => {
  test.setTimeout(180_000);
  // Frames the deck does not have yet (features are stored by content).
  const sources = fruitSources(['Apple', 'Orange', 'Mango'], PER_WORD, PER_WORD + 6);
  const { dir } = (await studio.api.getAppInfo()).project!;
  await studio.waitForJob((await studio.api.startImport({ deckId, sources })).jobId);
  const newest = (await studio.api.listPhotos({ deckId })).reduce((a, b) => (b.id > a.id ? b : a));
  // Closed at once, within the moment the studio waits before preparing.
  await studio.api.closeProject();
  const stored = new Database(path.join(dir, 'project.db'), { readonly: true });
  const prepared = stored.prepare("SELECT count(*) FROM embeddings WHERE variant = 'orig'").pluck().get() as number;
  stored.close();
  // Only the photos of the first import have features: the new ones were never got ready.
  expect(prepared).toBe(PHOTOS);
  // Meanwhile the newest photo's file is damaged (a copy cut short, as the fixture): it can never get ready.
  const blob = blobPath(dir, newest.sha256);
  fs.chmodSync(blob, 0o644);
  fs.copyFileSync(path.join(SHARED, 'fixtures/images/misc/truncated_jpeg.jpg'), blob);

  // Opened again from the start screen: the deck picks up where it was left.
  const start = new StartPage(page);
  await start.goto();
  await recordLine(page);
  await start.recent('Ready lessons').click();
  await new ProjectPage(page).expectOpen('Ready lessons');
  await expect(page.getByTestId('deck-title')).toHaveText('Fruits');
  // 18 photos get ready in a few seconds: what the line said is read from the page's record.
  const line = page.getByTestId('training-preparation');
  // Ready but for the damaged photo, said once: not "getting ready" for ever.
  await expect(line).toHaveText('Ready to train, except 1 photo that cannot be read', { timeout: 120_000 });
  await snap(page, 'prepare-03-reopened-ready');
  const said = await recordedLine(page);
  expect(said.filter((t) => /^Getting photos ready for training/.test(t)).length, said.join(' | ')).toBeGreaterThan(0);
  expect(said.indexOf('Ready to train, except 1 photo that cannot be read')).toBe(said.length - 1);
  const all = PHOTOS + sources.length;
  expect(await studio.api.getTrainingPreparation({ deckId })).toMatchObject({ state: 'idle', ready: all - 1, photos: all, unreadable: 1 });
  // The teacher can find it: its tile says so, with what to do.
  await page.getByRole('tab', { name: 'Photos' }).click();
  await new DeckPage(page).showClass('Mango');
  const mark = page.getByTestId('photo-unreadable');
  await expect(mark).toHaveCount(1);
  await expect(page.locator(`[data-testid="photo"][data-photo-id="${newest.id}"]`).getByTestId('photo-unreadable')).toHaveText('Cannot be read');
  await expect(mark).toHaveAttribute('title', /damaged.*Delete it, then add the photo again/s);
  await snap(page, 'prepare-04-unreadable-marked');
});

/** Records in the page every text the deck's preparation line shows ('' while it shows none), from now on. */
async function recordLine(p: Page): Promise<void> {
  await p.evaluate(LINE_RECORDER);
}

async function recordedLine(p: Page): Promise<string[]> {
  return p.evaluate('window.__preparationLine') as Promise<string[]>;
}

/** Runs in the page (a string: these tests are type-checked without the DOM's types). */
const LINE_RECORDER = `(() => {
  window.__preparationLine = [];
  const look = () => {
    const text = document.querySelector('[data-testid="training-preparation"]')?.textContent ?? '';
    if (window.__preparationLine.at(-1) !== text) window.__preparationLine.push(text);
  };
  look();
  new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;
