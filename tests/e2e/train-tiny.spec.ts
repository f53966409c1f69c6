import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { TrainPage } from './pages/train-page';
import { snap } from './support/artifacts';
import { hostSocketUrl } from './support/camera-fruits';
import { fruitPhotos } from './support/paths';
import { e2eToken, openStudioPage } from './support/session';
import { connectStudio, type StudioConnection } from './support/studio-client';

/**
 * The smallest deck that trains: two words, one photo each. The result must say what is true
 * (nothing could be checked) and what to do (more photos), not to raise a setting already at 20%.
 */
test.describe.configure({ mode: 'serial' });

let studio: StudioConnection;
let page: Page;
let deckId: number;

test.beforeAll(async ({ browser }, info) => {
  test.setTimeout(120_000);
  studio = await connectStudio(hostSocketUrl(), e2eToken());
  await studio.api.createProject({ name: 'Tiny lessons', languages: ['en', 'fr'] });
  deckId = (await studio.api.createDeck({ name: 'Two words' })).id;
  const sources = ['Apple', 'Orange'].map((fruit) => {
    const p = fruitPhotos(fruit, 1)[0];
    return { path: p, relativePath: `${fruit}/${path.basename(p)}` };
  });
  await studio.waitForJob((await studio.api.startImport({ deckId, sources })).jobId);
  page = await openStudioPage(browser, info.project.use.baseURL!);
});

test.afterAll(async () => {
  await page?.close();
  studio?.close();
});

test('after training on one photo per word, says nothing could be checked and asks for more photos', async () => {
  test.setTimeout(120_000);
  const train = new TrainPage(page);
  await page.goto(`/#/deck/${deckId}/photos`);
  await train.open();
  const share = (await studio.api.getTrainingConfig({ deckId })).settings.validationShare;
  expect(share).toBeGreaterThan(0);
  await train.trainButton().click();
  const results = train.results();
  await expect(results).toBeVisible({ timeout: 90_000 });
  await expect(results.getByTestId('accuracy-text')).toHaveText('Too few photos to check this model: every photo was needed to learn from.');
  const advice = results.getByTestId('unchecked-advice');
  await expect(advice).toContainText('Each word needs at least 2 photos');
  await expect(advice).toContainText('Add more photos of each word');
  await expect(advice).not.toContainText('above 0');
  await snap(page, 'train-tiny-advice');
});
