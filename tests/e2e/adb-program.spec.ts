import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PhonesPage } from './pages/phones-page';
import { snap } from './support/artifacts';
import { e2eDir } from './support/paths';
import { openStudioPage } from './support/session';
import { startStudioProcess, type StudioProcess } from './support/studio-process';

/**
 * `npm run serve -- --adb PATH` with a program that is not adb: the studio never uses it to talk to
 * phones, and the Phones tab says which program was refused and how to fix the command line.
 */
test.describe.configure({ mode: 'serial' });

let studio: StudioProcess;
let page: Page;
let notAdb: string;
let deckId: number;

test.beforeAll(async ({ browser }) => {
  const dir = fs.mkdtempSync(path.join(e2eDir(), 'adb-program-'));
  notAdb = path.join(dir, 'not-adb');
  // Notes each run, so the test can tell it was only asked for its version.
  fs.writeFileSync(notAdb, `#!/bin/sh\necho "$@" >> "${notAdb}.ran"\necho "Hello from a shell script"\n`, { mode: 0o755 });
  studio = await startStudioProcess({ dir, env: {}, args: ['--adb', notAdb] });
  await studio.api.createProject({ name: 'Adb check', languages: ['en', 'fr'] });
  deckId = (await studio.api.createDeck({ name: 'Fruits' })).id;
  page = await openStudioPage(browser, studio.url, studio.token);
});

test.afterAll(async () => {
  await page?.close();
  await studio?.stop();
});

test('a program given with --adb that does not answer like adb is refused, in words', async () => {
  const phones = new PhonesPage(page);
  await phones.goto(deckId);
  const problem = page.getByRole('alert').filter({ hasText: 'cannot be used as adb' });
  await expect(problem).toContainText(`${notAdb} cannot be used as adb: asked for its version, it answered "Hello from a shell script"`);
  await expect(problem).toContainText('with --adb PATH when starting the studio');
  await snap(page, 'phones-09-adb-refused');
  // It was asked for its version, and nothing else: no adb command ran through it.
  const runs = fs.readFileSync(`${notAdb}.ran`, 'utf8').trim().split('\n');
  expect(new Set(runs)).toEqual(new Set(['version']));

  const dialog = await phones.openSettings();
  await expect(dialog.getByTestId('adb-path')).toHaveText(`Using ${notAdb} (given with --adb when the studio was started)`);
  await expect(dialog.getByRole('alert').filter({ hasText: 'cannot be used as adb' })).toBeVisible();
});
