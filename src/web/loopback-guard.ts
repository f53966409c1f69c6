import type { IncomingMessage } from 'node:http';

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The host serves only this machine. A page on another site could still try to reach it through the
 * teacher's browser (directly, or by DNS rebinding a name of its own to 127.0.0.1), so every request
 * must name a loopback Host, and any Origin it carries must be this host too.
 */
export function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return LOOPBACK_HOSTS.some((h) => hostHeader.toLowerCase() === `${h}:${port}`);
}

export function isLoopbackOrigin(origin: string, port: number): boolean {
  return LOOPBACK_HOSTS.some((h) => origin.toLowerCase() === `http://${h}:${port}`);
}

/**
 * Why a request is refused for where it comes from, or null. A missing Origin (a program rather
 * than a page) passes this check only: the session secret (session.ts) is still required.
 */
export function refuseReason(req: IncomingMessage, port: number): string | null {
  if (!isLoopbackHost(req.headers.host, port)) return 'Host is not this machine';
  const origin = req.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin, port)) return 'Origin is not this studio';
  return null;
}
