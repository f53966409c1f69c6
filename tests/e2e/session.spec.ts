import { expect, test, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { snap } from './support/artifacts';
import { e2eToken, sessionHeader } from './support/session';

/**
 * The browser host answers only the tab opened from the address it printed (src/web/session.ts):
 * a page or program without that secret gets 403 and a plain message, on every route and on the
 * WebSocket. Loopback alone is no credential on a shared computer.
 */
const NO_COOKIES = { cookies: [], origins: [] };
const port = Number(process.env.MAGRITTE_E2E_PORT);
const origin = `http://127.0.0.1:${port}`;

/** What the page's own WebSocket to the studio does: 'open' or 'refused'. */
function pageSocket(page: Page): Promise<string> {
  return page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.onopen = () => {
          ws.close();
          resolve('open');
        };
        ws.onerror = () => resolve('refused');
      }),
    `ws://127.0.0.1:${port}/ws`,
  );
}

/** The HTTP status a plain Node client gets for the upgrade, or 101 when it opens. */
function nodeSocket(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

test('a tab opened without the secret gets a plain 403 message, and no WebSocket', async ({ browser }) => {
  const page = await browser.newPage({ storageState: NO_COOKIES, viewport: { width: 1440, height: 900 } });
  const res = await page.goto(`${origin}/#/deck/1/photos`);
  expect(res?.status()).toBe(403);
  await expect(page.locator('body')).toContainText('This studio only answers the browser tab opened from the address it printed when it started');
  await expect(page.locator('body')).toContainText(`http://127.0.0.1:${port}/?token=...`);
  await expect(page.getByRole('heading', { name: 'Magritte Studio' })).toHaveCount(0);
  await snap(page, 'session-01-no-token');
  expect(await pageSocket(page)).toBe('refused');
  // A stale or guessed key is no better.
  expect((await page.goto(`${origin}/?token=${'A'.repeat(43)}`))?.status()).toBe(403);
  await page.close();
});

test('the printed address opens the studio, then leaves the secret out of the address bar', async ({ browser }) => {
  const page = await browser.newPage({ storageState: NO_COOKIES, viewport: { width: 1440, height: 900 } });
  const res = await page.goto(`${origin}/?token=${e2eToken()}`);
  expect(res?.status()).toBe(200);
  expect(page.url()).toBe(`${origin}/`);
  await expect(page.getByRole('heading', { name: 'Magritte Studio' })).toBeVisible();
  await expect(
    page
      .getByRole('button', { name: 'New project' })
      .or(page.getByRole('button', { name: 'Close project' }))
      .first(),
  ).toBeVisible();
  expect(await pageSocket(page)).toBe('open');
  const cookies = await page.context().cookies();
  expect(cookies).toEqual([expect.objectContaining({ name: `magritte-session-${port}`, httpOnly: true, sameSite: 'Strict' })]);
  // Page scripts cannot read it.
  expect(await page.evaluate('document.cookie')).toBe('');
  await page.close();
});

test('programs on this computer without the secret get 403 on the API and the WebSocket', async () => {
  const sha = 'a'.repeat(64);
  for (const p of ['/', '/session', `/media/thumbs/${sha}.webp`, `/media/blobs/${sha}`, '/exports/a/b.zip', '/base-models/x/model.json']) {
    const res = await fetch(`${origin}${p}`);
    expect(res.status, p).toBe(403);
    expect(await res.text()).toContain('only answers the browser tab opened from the address it printed');
  }
  const upload = await fetch(`${origin}/upload/4f9a3c1e-0000-4000-8000-00000000000e`, {
    method: 'PUT',
    headers: { 'x-magritte-upload': '1', 'x-relative-path': 'a.jpg' },
    body: 'x',
  });
  expect(upload.status).toBe(403);
  expect(await nodeSocket({})).toBe(403);
  expect(await nodeSocket({ origin })).toBe(403);
  expect(await nodeSocket(sessionHeader(port, 'B'.repeat(43)))).toBe(403);
  // With the secret, a program needs no Origin.
  expect(await nodeSocket(sessionHeader(port, e2eToken()))).toBe(101);
  expect((await fetch(`${origin}/session`, { headers: sessionHeader(port, e2eToken()) })).status).toBe(204);
});
