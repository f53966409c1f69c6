/**
 * The browser host's session secret in the tests (src/web/session.ts). The shared host gets the
 * runner's MAGRITTE_E2E_TOKEN (playwright.config.ts); a host of a spec's own prints its address.
 */
import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import { sessionCookieName } from '../../../src/web/session';

/** The secret of the shared host started by playwright.config.ts. */
export function e2eToken(): string {
  const token = process.env.MAGRITTE_E2E_TOKEN;
  if (!token) throw new Error('MAGRITTE_E2E_TOKEN is not set: run through playwright.config.ts');
  return token;
}

/** The cookie the host's printed address would have set, for a browser context that starts on a deep link. */
export function sessionState(baseUrl: string, token: string): NonNullable<BrowserContextOptions['storageState']> {
  const { hostname, port } = new URL(baseUrl);
  return {
    cookies: [
      {
        name: sessionCookieName(Number(port)),
        value: token,
        domain: hostname,
        path: '/',
        expires: -1,
        httpOnly: true,
        secure: false,
        sameSite: 'Strict',
      },
    ],
    origins: [],
  };
}

/** The Cookie header a program (not a page) sends to the host. */
export function sessionHeader(port: number, token: string): Record<string, string> {
  return { cookie: `${sessionCookieName(port)}=${token}` };
}

/** The window size every spec's screenshots are taken at (the same as playwright.config.ts's default). */
export const STUDIO_VIEWPORT = { width: 1440, height: 900 };

/**
 * A page on a studio host, already holding its session cookie: the shared host by default (give the
 * spec's `baseURL`), or a host of the spec's own (give its address and printed secret).
 */
export function openStudioPage(browser: Browser, baseUrl: string, token: string = e2eToken()): Promise<Page> {
  return browser.newPage({ baseURL: baseUrl, storageState: sessionState(baseUrl, token), viewport: STUDIO_VIEWPORT });
}
