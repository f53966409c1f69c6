import { expect, test } from '@playwright/test';
import { StartPage } from './pages/start-page';
import { snap } from './support/artifacts';
import { openStudioPage } from './support/session';

/**
 * The very first start, before any project was made or opened. Every spec shares one studio and
 * many make projects, so the config runs this one first (the other projects depend on it).
 */
test('a studio that never opened a project says where projects will be listed', async ({ browser }, info) => {
  const page = await openStudioPage(browser, info.project.use.baseURL!);
  await new StartPage(page).goto();
  await expect(page.getByRole('button', { name: 'New project' })).toBeVisible();
  await expect(page.getByText('Projects you create or open will be listed here.')).toBeVisible();
  await snap(page, '01-start-empty');
  await page.close();
});
