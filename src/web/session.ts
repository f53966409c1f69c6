/**
 * The browser host's session: a secret made at each start and printed with the address the teacher
 * opens. Loopback is not a credential on a shared computer (any program of any user can connect to
 * 127.0.0.1), so every request and the WebSocket upgrade must carry the secret.
 *
 * How it travels: the printed address is `http://127.0.0.1:<port>/?token=<secret>`. That first load
 * swaps the token for a cookie and redirects to the same page without it, so the secret leaves the
 * address bar and history. From then on the browser sends the cookie by itself with everything the
 * page asks for: the WebSocket upgrade, uploads, and the <img>, download and model URLs that cannot
 * carry a header. (A `#token=` fragment never reaches the server and would clash with the UI's hash
 * routes, and it would have to be copied into every such URL by hand.)
 * The cookie is HttpOnly (page scripts cannot read it) and SameSite=Strict (no other site's page can
 * make the browser send it); its name carries the port, as browsers share cookies between the ports
 * of one host, so two studios on one computer do not overwrite each other's.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The query parameter of the printed address. */
export const ENTRY_PARAM = 'token';

/** Lets scripts and tests that start the host themselves know the secret in advance. */
export const SESSION_TOKEN_ENV = 'MAGRITTE_SESSION_TOKEN';

const TOKEN_RE = /^[A-Za-z0-9_-]{32,128}$/;

/** What a browser or program without the secret gets, in place of the studio. */
export function noSessionMessage(port: number): string {
  return (
    `This studio only answers the browser tab opened from the address it printed when it started ` +
    `(http://127.0.0.1:${port}/?${ENTRY_PARAM}=...). Open that address again; if the studio was restarted, use the new address it printed.`
  );
}

/** A fresh secret, or the one given in MAGRITTE_SESSION_TOKEN (refused unless it is long and random-looking). */
export function sessionToken(env: NodeJS.ProcessEnv = process.env): string {
  const given = env[SESSION_TOKEN_ENV];
  if (given === undefined || given === '') return randomBytes(32).toString('base64url');
  if (!TOKEN_RE.test(given)) {
    throw new Error(`${SESSION_TOKEN_ENV} must be 32 to 128 letters, digits, "-" or "_". Unset it to get a fresh secret at each start.`);
  }
  return given;
}

export function sessionCookieName(port: number): string {
  return `magritte-session-${port}`;
}

/** The Set-Cookie value handed out by the entry address: lives until the browser closes. */
export function sessionCookie(token: string, port: number): string {
  return `${sessionCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** The address to open: the only place the secret is shown. */
export function entryUrl(port: number, token: string): string {
  return `http://127.0.0.1:${port}/?${ENTRY_PARAM}=${token}`;
}

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** True when the request carries this host's session cookie. */
export function hasSession(req: IncomingMessage, token: string, port: number): boolean {
  const given = cookieValue(req.headers.cookie, sessionCookieName(port));
  return given !== null && sameSecret(given, token);
}

/**
 * The entry address's `?token=`: when it holds this start's secret, the same address without it
 * (where to redirect once the cookie is set); otherwise null.
 */
export function entryRedirect(rawUrl: string | undefined, token: string): string | null {
  const url = new URL(rawUrl ?? '/', 'http://127.0.0.1');
  const given = url.searchParams.get(ENTRY_PARAM);
  if (given === null || !sameSecret(given, token)) return null;
  url.searchParams.delete(ENTRY_PARAM);
  return `${url.pathname}${url.search}`;
}
