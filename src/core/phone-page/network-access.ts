/**
 * Phones on the same network as the studio (the teacher's explicit choice): the phone server then
 * listens beyond loopback, and a request from another machine is answered only when it carries the
 * key the studio printed into the link and QR code (a cookie keeps it for the page's own requests).
 * The key changes every time the teacher turns network access on, so old QR codes stop working.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import os from 'node:os';
import type { IncomingMessage } from 'node:http';

export const KEY_PARAM = 'key';
export const KEY_COOKIE = 'magritte_phone_key';

export function newKey(): string {
  return randomBytes(18).toString('base64url');
}

/** The request came from this computer (the USB route: adb reverse ends on loopback). */
export function fromLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1';
}

function sameKey(a: string | null | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The key a request carries: in the link's query, or in the cookie set by an earlier answer. */
export function keyOf(req: IncomingMessage, url: URL): { fromQuery: boolean; key: string | null } {
  const q = url.searchParams.get(KEY_PARAM);
  if (q) return { fromQuery: true, key: q };
  const cookie = (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${KEY_COOKIE}=`));
  return { fromQuery: false, key: cookie ? cookie.slice(KEY_COOKIE.length + 1) : null };
}

export function keyMatches(given: string | null, key: string): boolean {
  return sameKey(given, key);
}

/** This computer's IPv4 addresses on its networks (Wi-Fi, Ethernet), the ones a phone can reach. */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  return out;
}
