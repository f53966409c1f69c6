import { describe, expect, it } from 'vitest';
import {
  allowPermissionCheck,
  allowPermissionRequest,
  isExternalLink,
  isTrustedSender,
  isTrustedUrl,
  originOf,
  trustedOrigins,
} from './security-policy';

const prod = trustedOrigins(undefined);
const dev = trustedOrigins('http://localhost:5173/');

describe('origins', () => {
  it('reads the origin of custom-scheme URLs', () => {
    expect(originOf('app://studio/index.html')).toBe('app://studio');
    expect(originOf('APP://Studio/x')).toBe('app://studio');
    expect(originOf('http://localhost:5173/a')).toBe('http://localhost:5173');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('nonsense')).toBeNull();
  });

  it('trusts only our page, and a loopback dev server in development', () => {
    expect(isTrustedUrl('app://studio/index.html', prod)).toBe(true);
    expect(isTrustedUrl('app://media/blobs/x', prod)).toBe(false);
    expect(isTrustedUrl('app://studio.evil.com/', prod)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/', prod)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/', dev)).toBe(true);
    expect(trustedOrigins('https://example.com/').has('https://example.com')).toBe(false);
    expect(isTrustedUrl(undefined, prod)).toBe(false);
  });
});

describe('permissions', () => {
  it('grants the camera (video only) to our page', () => {
    expect(allowPermissionRequest('media', 'app://studio/index.html', ['video'], prod)).toBe(true);
    expect(allowPermissionCheck('media', 'app://studio', 'video', prod)).toBe(true);
  });

  it('refuses the microphone, even asked together with the camera', () => {
    expect(allowPermissionRequest('media', 'app://studio/index.html', ['audio'], prod)).toBe(false);
    expect(allowPermissionRequest('media', 'app://studio/index.html', ['video', 'audio'], prod)).toBe(false);
    expect(allowPermissionRequest('media', 'app://studio/index.html', [], prod)).toBe(false);
    expect(allowPermissionRequest('media', 'app://studio/index.html', undefined, prod)).toBe(false);
    expect(allowPermissionCheck('media', 'app://studio', 'audio', prod)).toBe(false);
    expect(allowPermissionCheck('media', 'app://studio', 'unknown', prod)).toBe(false);
  });

  it('refuses the camera to any other origin and every other permission', () => {
    expect(allowPermissionRequest('media', 'https://example.com/', ['video'], prod)).toBe(false);
    expect(allowPermissionCheck('media', 'https://example.com', 'video', prod)).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'display-capture', 'openExternal', 'fullscreen']) {
      expect(allowPermissionRequest(p, 'app://studio/index.html', ['video'], prod), p).toBe(false);
      expect(allowPermissionCheck(p, 'app://studio', 'video', prod), p).toBe(false);
    }
  });
});

describe('IPC senders', () => {
  const ours = new Set([7]);
  it('accepts the main frame of our window showing our page', () => {
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'app://studio/index.html', isMainFrame: true }, ours, prod)).toBe(true);
  });
  it('drops other windows, sub-frames, other origins and destroyed frames', () => {
    expect(isTrustedSender({ webContentsId: 8, frameUrl: 'app://studio/index.html', isMainFrame: true }, ours, prod)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'app://studio/index.html', isMainFrame: false }, ours, prod)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'https://evil.example/', isMainFrame: true }, ours, prod)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: null, isMainFrame: true }, ours, prod)).toBe(false);
  });
});

describe('external links', () => {
  it('opens only plain https links outside the app', () => {
    expect(isExternalLink('https://www.tensorflow.org/')).toBe(true);
    expect(isExternalLink('http://example.com/')).toBe(false);
    expect(isExternalLink('file:///etc/passwd')).toBe(false);
    expect(isExternalLink('smb://server/share')).toBe(false);
    expect(isExternalLink('https://user:pw@example.com/')).toBe(false);
    expect(isExternalLink('javascript:alert(1)')).toBe(false);
  });
});
