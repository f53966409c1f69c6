import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { snap } from './support/artifacts';
import { cameraFruitProject, hostSocketUrl } from './support/camera-fruits';
import { fruitPhotos } from './support/paths';
import { e2eToken, openStudioPage } from './support/session';
import { connectStudio, type StudioConnection } from './support/studio-client';

/**
 * "Why this word?" on the Test tab: beside the live answer, the deck's photos that look most like
 * the camera (Chromium's fake camera plays apple then orange frames), of the word said and of the
 * runner-up; and for a dropped photo, the same in a dialog.
 */
let studio: StudioConnection;
let deckId: number;
let page: Page;
let wordOfPhoto: Map<number, string>;

test.beforeAll(async ({ browser }, info) => {
  test.setTimeout(300_000);
  studio = await connectStudio(hostSocketUrl(), e2eToken());
  ({ deckId } = await cameraFruitProject(studio));
  const classes = await studio.api.listClasses({ deckId });
  const key = new Map(classes.map((c) => [c.id, c.key]));
  wordOfPhoto = new Map((await studio.api.listPhotos({ deckId })).map((p) => [p.id, key.get(p.classId)!]));
  page = await openStudioPage(browser, info.project.use.baseURL!);
});

test.afterAll(async () => {
  await page?.close();
  studio?.close();
});

/** The groups shown, each with its word and the words of the photos under it. */
function readGroups(root: ReturnType<Page['getByTestId']>) {
  return root.getByTestId('why-group').evaluateAll((groups) =>
    groups.map((g) => ({
      key: g.getAttribute('data-key') ?? '',
      photos: [...g.querySelectorAll('[data-testid="why-photo"]')].map((img) => ({
        id: Number(img.getAttribute('data-photo-id')),
        loaded: (img as unknown as { complete: boolean }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0,
      })),
    })),
  );
}

test('live, beside the word: the nearest photos of the word said and of the next best', async () => {
  test.setTimeout(240_000);
  await page.goto(`/#/deck/${deckId}/test`);
  await expect(page.getByTestId('live-backend')).toBeAttached({ timeout: 120_000 });
  const why = page.getByTestId('live-why');
  await expect(why.getByTestId('why-group')).toHaveCount(2, { timeout: 60_000 });
  await expect.poll(async () => (await readGroups(why)).every((g) => g.photos.length === 4 && g.photos.every((p) => p.loaded))).toBe(true);
  const groups = await readGroups(why);
  // The camera shows apples, then oranges: the word said is one of them.
  expect(['Apple', 'Orange']).toContain(groups[0].key);
  expect(groups[1].key).not.toBe(groups[0].key);
  // Each group shows photos of its own word only.
  for (const g of groups) for (const p of g.photos) expect(wordOfPhoto.get(p.id)).toBe(g.key);
  // It follows the camera: within the feed's apple-orange turns, the answer comes to name the other fruit first.
  const firstKey = groups[0].key;
  await expect.poll(async () => (await readGroups(why))[0]?.key, { timeout: 90_000 }).toBe(firstKey === 'Apple' ? 'Orange' : 'Apple');
  await why.scrollIntoViewIfNeeded();
  await snap(page, 'why-01-live');
});

test('for a dropped photo, "Why this word?" shows the photo itself among its word, then the runner-up', async () => {
  test.setTimeout(180_000);
  await page.goto(`/#/deck/${deckId}/test`);
  await expect(page.getByTestId('live-backend')).toBeAttached({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Photos', exact: true }).click();
  const mango = fruitPhotos('Mango', 40)[25];
  await page.getByTestId('test-file-input').setInputFiles(mango);
  const card = page.locator(`[data-testid="photo-result"][data-name="${path.basename(mango)}"]`);
  await expect(card).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  await card.getByTestId('photo-why').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Why “');
  await expect(dialog.getByTestId('why-group')).toHaveCount(2);
  const groups = await readGroups(dialog);
  expect(groups[0].key).toBe('Mango');
  // That very photo is in the deck: the nearest mango is itself.
  const inDeck = (await studio.api.listPhotos({ deckId })).find((p) => p.originalName === path.basename(mango))!;
  expect(groups[0].photos[0].id).toBe(inDeck.id);
  for (const g of groups) for (const p of g.photos) expect(wordOfPhoto.get(p.id)).toBe(g.key);
  await snap(page, 'why-02-photo');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
