/**
 * Security decisions as pure functions of URLs and names, so they are unit-tested without Electron.
 * security.ts wires them into Electron's session and webContents hooks.
 */

/** The scheme and host the studio's own page is served from. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * `scheme://host[:port]` of a URL, or null. Node's URL gives origin "null" for custom schemes such
 * as app:, so the origin is rebuilt from its parts.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** Which origins count as "the app's own page": app://studio, plus the Vite dev server in development. */
export function trustedOrigins(devServerUrl: string | undefined): ReadonlySet<string> {
  const origins = new Set([APP_ORIGIN]);
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  // Only a loopback dev server is acceptable, never a remote page.
  if (dev && /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(dev)) origins.add(dev);
  return origins;
}

export function isTrustedUrl(url: string | undefined | null, origins: ReadonlySet<string>): boolean {
  if (!url) return false;
  const origin = originOf(url);
  return origin !== null && origins.has(origin);
}

/** What may be opened outside the app: plain https links, in the system browser, nothing else. */
export function isExternalLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

export type MediaType = 'video' | 'audio' | 'unknown';

/**
 * Permission *requests* (the prompt path): only the camera, only video, only for our own page.
 * `mediaTypes` lists what getUserMedia asked for; any audio in it refuses the whole request.
 */
export function allowPermissionRequest(
  permission: string,
  requestingUrl: string | undefined,
  mediaTypes: readonly string[] | undefined,
  origins: ReadonlySet<string>,
): boolean {
  if (permission !== 'media') return false;
  if (!isTrustedUrl(requestingUrl, origins)) return false;
  return mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((t) => t === 'video');
}

/** Permission *checks* (navigator.permissions, device enumeration): the same rule, one media type at a time. */
export function allowPermissionCheck(
  permission: string,
  requestingOrigin: string | undefined,
  mediaType: MediaType | undefined,
  origins: ReadonlySet<string>,
): boolean {
  if (permission !== 'media') return false;
  if (!isTrustedUrl(requestingOrigin, origins)) return false;
  return mediaType === 'video';
}

/**
 * An IPC message is accepted only from the main frame of one of our own windows, showing our own page.
 * `frameUrl` is null when the frame has gone (navigated away or destroyed): refused.
 */
export function isTrustedSender(
  sender: { webContentsId: number; frameUrl: string | null; isMainFrame: boolean },
  appWebContentsIds: ReadonlySet<number>,
  origins: ReadonlySet<string>,
): boolean {
  return appWebContentsIds.has(sender.webContentsId) && sender.isMainFrame && isTrustedUrl(sender.frameUrl, origins);
}
