import path from 'node:path';
import { test, type Page } from '@playwright/test';
import { ARTIFACTS } from './paths';

/** Saves a screenshot of the page to tests/artifacts/<name>.png and attaches it to the test report. */
export async function snap(page: Page, name: string): Promise<void> {
  // Let fonts, thumbnails and transitions settle so the picture shows what a teacher sees.
  await page.evaluate('document.fonts.ready');
  // Park the pointer on the empty top bar so no hover state or tooltip hides part of the picture.
  await page.mouse.move(700, 2);
  await page.waitForTimeout(300);
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  await test.info().attach(name, { path: file, contentType: 'image/png' });
}
