import { expect, test, type Page } from '@playwright/test';
import { snap } from './support/artifacts';
import { hostSocketUrl } from './support/camera-fruits';
import { e2eToken, openStudioPage } from './support/session';
import { connectStudio, type StudioConnection } from './support/studio-client';

/**
 * A project with only the teacher's language (nothing for pupils to learn yet): the top bar's arrow
 * leads to a button that adds a language to learn, instead of pointing at nothing; once one is added
 * the bar reads "English → French". Everything in the bar stays whole at the smallest window.
 */
test.describe.configure({ mode: 'serial' });

let studio: StudioConnection;
let page: Page;
let deckId: number;

test.beforeAll(async ({ browser }, info) => {
  studio = await connectStudio(hostSocketUrl(), e2eToken());
  await studio.api.createProject({ name: 'Only English', languages: ['en'] });
  deckId = (await studio.api.createDeck({ name: 'Fruits' })).id;
  page = await openStudioPage(browser, info.project.use.baseURL!);
});

test.afterAll(async () => {
  await page?.close();
  studio?.close();
});

test('the top bar of a project without a language to learn leads to adding one', async () => {
  await page.goto(`/#/deck/${deckId}/photos`);
  await expect(page.getByTestId('project-name')).toHaveText('Only English');
  const languages = page.getByRole('banner').getByRole('button', { name: /^English/ });
  // The arrow leads to the way to add a language, right beside it, not to nothing.
  await expect(languages).toHaveText('English →');
  const add = page.getByRole('button', { name: 'Add a language to learn', exact: true });
  await expect(add).toBeVisible();
  const [from, to] = [(await languages.boundingBox())!, (await add.boundingBox())!];
  expect(to.x - (from.x + from.width)).toBeLessThan(12);
  expect(Math.abs(to.y + to.height / 2 - (from.y + from.height / 2))).toBeLessThan(4);
  await snap(page, 'project-languages-01-none-to-learn');
  // At the smallest window the app allows, every button of the bar is whole, on one line, in the window.
  await page.setViewportSize({ width: 900, height: 600 });
  const buttons = await page.getByRole('banner').getByRole('button').all();
  expect(buttons.length).toBe(3);
  for (const button of buttons) {
    const box = (await button.boundingBox())!;
    expect(box.height).toBeLessThan(40);
    expect(box.x + box.width).toBeLessThanOrEqual(900);
  }
  await snap(page, 'project-languages-01b-none-to-learn-900');
  await page.setViewportSize({ width: 1280, height: 800 });

  await add.click();
  const dialog = page.getByRole('dialog', { name: 'Languages' });
  await expect(dialog).toBeVisible();
  const pupils = dialog.getByTestId('pupil-languages');
  await pupils.fill('French');
  await page.getByRole('option', { name: 'French', exact: true }).click();
  await pupils.press('Escape');
  await snap(page, 'project-languages-02-dialog');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(languages).toHaveText('English → French');
  await expect(add).toHaveCount(0);
  await snap(page, 'project-languages-03-added');
});
