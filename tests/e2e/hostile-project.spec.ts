import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { StartPage } from './pages/start-page';
import { snap } from './support/artifacts';
import { e2eDir } from './support/paths';

/**
 * A project folder handed over by a colleague whose tmp/ is a symbolic link (unzip keeps them):
 * opening it says which entry is wrong and how to repair it, touches nothing the link points at,
 * and opens once the teacher has done what the message says.
 */
test('a project folder with a linked tmp is refused with a plain repair, then opens once repaired', async ({ page }) => {
  const start = new StartPage(page);
  await start.goto();
  const dialog = await start.openNewProjectDialog();
  await start.fillNewProject(dialog, { name: 'From a colleague', teacher: 'English', pupils: ['French'] });
  await start.createProject(dialog);
  await page.getByRole('button', { name: 'Close project' }).click();

  const dir = path.join(e2eDir(), 'projects', 'From a colleague.magritte');
  const outside = path.join(e2eDir(), 'teacher-documents');
  fs.mkdirSync(outside, { recursive: true });
  fs.writeFileSync(path.join(outside, 'report.txt'), 'a teacher file that must survive');
  fs.rmSync(path.join(dir, 'tmp'), { recursive: true });
  fs.symlinkSync(outside, path.join(dir, 'tmp'));

  await page.getByRole('button', { name: 'Open project' }).click();
  const open = page.getByRole('dialog', { name: 'Open a project' });
  await open.getByLabel('Project folder').fill(dir);
  await open.getByRole('button', { name: 'Open', exact: true }).click();
  const alert = open.getByRole('alert');
  await expect(alert).toContainText('The project folder holds "tmp", which is a symbolic link');
  await expect(alert).toContainText('Delete the link named "tmp" inside the project folder');
  await snap(page, 'hostile-project-refused');
  expect(fs.readdirSync(outside)).toEqual(['report.txt']);
  expect(fs.readFileSync(path.join(outside, 'report.txt'), 'utf8')).toBe('a teacher file that must survive');

  // What the message says to do: delete the link itself; the studio makes a new tmp folder.
  fs.unlinkSync(path.join(dir, 'tmp'));
  await open.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(open).toBeHidden();
  await expect(page.getByRole('button', { name: 'Close project' })).toBeVisible();
  expect(fs.lstatSync(path.join(dir, 'tmp')).isDirectory()).toBe(true);
  expect(fs.readdirSync(outside)).toEqual(['report.txt']);
});
