import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async () => {});
vi.mock('electron', () => ({ shell: { openExternal } }));

const { hardenSession, hardenWebContents } = await import('./security');
const { trustedOrigins } = await import('./security-policy');
const origins = trustedOrigins(undefined);

type RequestHandler = (wc: unknown, permission: string, cb: (ok: boolean) => void, details: object) => void;
type CheckHandler = (wc: unknown, permission: string, origin: string, details: object) => boolean;

type BeforeRequest = (details: { url: string }, cb: (r: { cancel: boolean }) => void) => void;

interface FakeSession {
  request: RequestHandler | null;
  check: CheckHandler | null;
  device: (() => boolean) | null;
  filter: { urls: string[] } | null;
  beforeRequest: BeforeRequest | null;
}

function fakeSession(): FakeSession & object {
  const s: FakeSession = { request: null, check: null, device: null, filter: null, beforeRequest: null };
  return Object.assign(s, {
    setPermissionRequestHandler: (h: RequestHandler) => (s.request = h),
    setPermissionCheckHandler: (h: CheckHandler) => (s.check = h),
    setDevicePermissionHandler: (h: () => boolean) => (s.device = h),
    webRequest: {
      onBeforeRequest: (filter: { urls: string[] }, h: BeforeRequest) => {
        s.filter = filter;
        s.beforeRequest = h;
      },
    },
  });
}

function ask(s: FakeSession, permission: string, details: object): boolean {
  let granted: boolean | undefined;
  s.request!(null, permission, (ok) => (granted = ok), details);
  return granted!;
}

describe('hardenSession', () => {
  it('grants the camera to our page and nothing else', () => {
    const s = fakeSession();
    hardenSession(s as never, origins, false);
    expect(ask(s, 'media', { requestingUrl: 'app://studio/index.html', mediaTypes: ['video'], isMainFrame: true })).toBe(true);
    expect(ask(s, 'media', { requestingUrl: 'app://studio/index.html', mediaTypes: ['audio'], isMainFrame: true })).toBe(false);
    expect(ask(s, 'media', { requestingUrl: 'https://example.com/', mediaTypes: ['video'], isMainFrame: true })).toBe(false);
    expect(ask(s, 'notifications', { requestingUrl: 'app://studio/index.html', isMainFrame: true })).toBe(false);
    expect(s.check!(null, 'media', 'app://studio', { mediaType: 'video', isMainFrame: true })).toBe(true);
    expect(s.check!(null, 'media', 'app://studio', { mediaType: 'audio', isMainFrame: true })).toBe(false);
    expect(s.check!(null, 'geolocation', 'app://studio', { isMainFrame: true })).toBe(false);
    expect(s.device!()).toBe(false);
  });

  it('cancels every http(s)/ws request of the page outside development', () => {
    const s = fakeSession();
    hardenSession(s as never, origins, false);
    expect(s.filter!.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    let result: { cancel: boolean } | undefined;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    s.beforeRequest!({ url: 'https://tracker.example/' }, (r) => (result = r));
    warn.mockRestore();
    expect(result).toEqual({ cancel: true });
    const dev = fakeSession();
    hardenSession(dev as never, trustedOrigins('http://localhost:5173'), true);
    expect(dev.beforeRequest).toBeNull();
  });
});

describe('hardenWebContents', () => {
  function fakeContents() {
    const c = Object.assign(new EventEmitter(), {
      openHandler: null as ((d: { url: string }) => { action: string }) | null,
      setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
        c.openHandler = h;
      },
    });
    hardenWebContents(c as never, origins);
    return c;
  }

  function navigate(c: EventEmitter, name: string, url: string): boolean {
    let prevented = false;
    c.emit(name, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }

  it('keeps the page on app://studio and sends https links to the system browser', () => {
    const c = fakeContents();
    openExternal.mockClear();
    expect(navigate(c, 'will-navigate', 'app://studio/index.html')).toBe(false);
    expect(navigate(c, 'will-navigate', 'https://www.tensorflow.org/')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://www.tensorflow.org/');
    expect(navigate(c, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(c, 'will-redirect', 'http://evil.example/')).toBe(true);
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('denies every new window and every <webview>', () => {
    const c = fakeContents();
    openExternal.mockClear();
    expect(c.openHandler!({ url: 'app://studio/index.html' })).toEqual({ action: 'deny' });
    expect(c.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
    expect(navigate(c, 'will-attach-webview', '')).toBe(true);
  });
});
