import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ProjectPage } from './pages/project-page';
import { StartPage } from './pages/start-page';
import { TrainPage } from './pages/train-page';
import { snap } from './support/artifacts';
import { SHARED } from './support/paths';
import { openStudioPage } from './support/session';

/**
 * An expert opens "Base models" on the Train tab: the deck's base network is MobileNet (found on the
 * models path, so "on this computer"), a copy of it is imported from a folder under another name and
 * becomes the deck's choice, and a copy with a cut-short weight file is refused with a clear message.
 */
test.describe.configure({ mode: 'serial' });

const MOBILENET = path.join(SHARED, 'models/mobilenet_v1_0.25_224');

let page: Page;
let tmp: string;

/** A copy of the shared MobileNet folder in the OS temp folder (never inside the repository). */
function copyOfMobileNet(name: string): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(MOBILENET)) {
    fs.copyFileSync(path.join(MOBILENET, f), path.join(dir, f));
    fs.chmodSync(path.join(dir, f), 0o644);
  }
  return dir;
}

async function openImportDialog(section: Locator): Promise<Locator> {
  await section.getByRole('button', { name: 'Import from a folder…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a base model from a folder' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test.beforeAll(async ({ browser }, info) => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-base-models-'));
  page = await openStudioPage(browser, info.project.use.baseURL!);
});

test.afterAll(async () => {
  await page.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the Train tab shows the base model, imports another from a folder and refuses a damaged one', async () => {
  const start = new StartPage(page);
  await start.goto();
  const dialog = await start.openNewProjectDialog();
  await start.fillNewProject(dialog, { name: 'Base model lessons', teacher: 'English', pupils: ['French'] });
  await start.createProject(dialog);
  await new ProjectPage(page).newDeck('Fruits');
  const train = new TrainPage(page);
  await train.open();

  // Collapsed by default, with the deck's base model and where it is in the summary.
  const section = page.getByTestId('base-models');
  const summary = section.getByRole('button', { name: /Base models/ });
  await expect(summary).toHaveAttribute('aria-expanded', 'false');
  await expect(section.getByTestId('base-model-summary')).toHaveText('MobileNet v1 0.25 (224 px) · on this computer');
  await summary.click();
  const picker = section.getByRole('combobox', { name: 'Base model for this deck' });
  await expect(picker).toHaveText('MobileNet v1 0.25 (224 px)');
  await expect(section.getByTestId('base-model-location')).toHaveText('on this computer');
  await expect(section.getByRole('button', { name: 'Download now' })).toHaveCount(0);

  // A copy imported under another name: it becomes this deck's base model and is in the picker.
  const good = copyOfMobileNet('class-copy');
  let importDialog = await openImportDialog(section);
  await importDialog.getByLabel('Folder').fill(good);
  await importDialog.getByLabel('Feature layer').fill('conv_pw_13_relu');
  await importDialog.getByLabel('Name (optional)').fill('Class copy of MobileNet');
  await importDialog.getByRole('button', { name: 'Import' }).click();
  await expect(importDialog).toBeHidden();
  await expect(picker).toHaveText('Class copy of MobileNet');
  await expect(section.getByTestId('base-model-summary')).toHaveText('Class copy of MobileNet · on this computer');
  await expect(section.getByText('gives 256 features each (layer conv_pw_13_relu)')).toBeVisible();
  await picker.click();
  const options = page.getByRole('option');
  await expect(options.filter({ hasText: 'Class copy of MobileNet' })).toContainText('on this computer · imported');
  await expect(options.filter({ hasText: 'MobileNet v1 0.25 (224 px)' })).toContainText('on this computer');
  await snap(page, 'base-models-01-picker');
  await page.keyboard.press('Escape');

  // The choice is the deck's: it is still there after the screen is opened again.
  await page.reload();
  await train.open();
  await expect(section.getByTestId('base-model-summary')).toHaveText('Class copy of MobileNet · on this computer');
  await section.getByRole('button', { name: /Base models/ }).click();
  await snap(page, 'base-models-02-section');

  // A weight file cut short: refused, with which file and what to do, and nothing imported.
  const damaged = copyOfMobileNet('damaged');
  const shard = path.join(damaged, 'group1-shard1of1');
  fs.truncateSync(shard, Math.floor(fs.statSync(shard).size / 2));
  importDialog = await openImportDialog(section);
  await importDialog.getByLabel('Folder').fill(damaged);
  await importDialog.getByLabel('Feature layer').fill('conv_pw_13_relu');
  await importDialog.getByLabel('Name (optional)').fill('Broken copy');
  await importDialog.getByRole('button', { name: 'Import' }).click();
  const alert = importDialog.getByRole('alert');
  await expect(alert).toContainText(`The base model in ${damaged} is incomplete`);
  await expect(alert).toContainText('group1-shard1of1');
  await expect(alert).toContainText('import it from a complete folder');
  await snap(page, 'base-models-03-damaged');
  await importDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(importDialog).toBeHidden();
  await picker.click();
  await expect(page.getByRole('option')).toHaveText([/MobileNet v1 0\.25/, /Class copy of MobileNet/]);
  await page.keyboard.press('Escape');
});
