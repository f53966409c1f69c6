import { shell, type Session, type WebContents } from 'electron';
import { allowPermissionCheck, allowPermissionRequest, isExternalLink, isTrustedUrl, type MediaType } from './security-policy';

/**
 * Session-wide rules: the camera (video only) for our own page and no other permission; no device
 * pickers; and, outside development, no http(s)/ws request at all: the page is local, and the core
 * (which downloads base models) runs in its own process with its own network stack.
 */
export function hardenSession(session: Session, origins: ReadonlySet<string>, allowNetwork: boolean): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(allowPermissionRequest(permission, details.requestingUrl, mediaTypes, origins));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermissionCheck(permission, requestingOrigin, details.mediaType as MediaType | undefined, origins),
  );
  session.setDevicePermissionHandler(() => false);
  if (!allowNetwork) {
    session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
      console.warn(`[main] blocked a network request from the page: ${details.url}`);
      callback({ cancel: true });
    });
  }
}

function openOutside(url: string): void {
  if (isExternalLink(url)) void shell.openExternal(url);
}

/**
 * Per-page rules, applied to every webContents the app ever creates: it stays on our origin, opens
 * no windows (https links go to the system browser instead) and attaches no <webview>.
 */
export function hardenWebContents(contents: WebContents, origins: ReadonlySet<string>): void {
  contents.on('will-navigate', (event, url) => {
    if (isTrustedUrl(url, origins)) return;
    event.preventDefault();
    openOutside(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url, origins)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
