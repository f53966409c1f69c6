import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AdbHost, adbServerPort, parseAdbVersion } from './adb-host';
import { locateAdb } from './adb-locator';
import { describePhone } from './phone-doctor';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-adb-'));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

function fakeAdb(dir: string): string {
  const file = path.join(dir, 'adb');
  fs.writeFileSync(file, '#!/bin/sh\necho "Android Debug Bridge version 1.0.41"\n', { mode: 0o755 });
  return file;
}

describe('finding adb', () => {
  it('looks in ANDROID_HOME, ANDROID_SDK_ROOT, then PATH', () => {
    const sdk = tempDir();
    fs.mkdirSync(path.join(sdk, 'platform-tools'));
    const inSdk = fakeAdb(path.join(sdk, 'platform-tools'));
    const onPath = fakeAdb(tempDir());
    const home = tempDir();
    fs.mkdirSync(path.join(home, 'platform-tools'));
    const inHome = fakeAdb(path.join(home, 'platform-tools'));
    const env = { ANDROID_HOME: home, ANDROID_SDK_ROOT: sdk, PATH: path.dirname(onPath) };
    expect(locateAdb(env)).toEqual({ path: inHome, source: 'ANDROID_HOME' });
    expect(locateAdb({ ANDROID_SDK_ROOT: sdk, PATH: env.PATH })).toEqual({ path: inSdk, source: 'ANDROID_SDK_ROOT' });
    // An ANDROID_HOME without adb in it does not hide the next place to look.
    expect(locateAdb({ ...env, ANDROID_HOME: tempDir() })).toEqual({ path: inSdk, source: 'ANDROID_SDK_ROOT' });
    expect(locateAdb({ PATH: env.PATH })).toEqual({ path: onPath, source: 'PATH' });
  });

  it('says how to install adb when there is none', () => {
    expect(() => locateAdb({ PATH: tempDir() })).toThrow(
      expect.objectContaining({ code: 'ADB_MISSING', fix: expect.stringContaining('apt install adb') }),
    );
  });

  it('reads versions and the server port', () => {
    expect(parseAdbVersion('Android Debug Bridge version 1.0.41\nVersion 29.0.6-debian\n')).toBe(41);
    expect(adbServerPort({ ANDROID_ADB_SERVER_PORT: '15037' })).toBe(15037);
    expect(adbServerPort({})).toBe(5037);
  });
});

describe('adb server of another version', () => {
  it('is reported with its fix instead of being fought', async () => {
    // A server that answers host:version with 40 (0x28) while our adb is 41.
    const server = net.createServer((s) => s.on('data', () => s.end('OKAY00040028')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => server.close());
    const host = new AdbHost(fakeAdb(tempDir()), (server.address() as net.AddressInfo).port);
    expect(await host.serverVersion()).toBe(40);
    await expect(host.ensureServer()).rejects.toMatchObject({ code: 'ADB_VERSION_MISMATCH', fix: expect.stringContaining('Close Android Studio') });
  });
});

describe('phone doctor', () => {
  it('puts every state in plain words with a fix', () => {
    expect(describePhone('s', 'device', 'Pixel_7', 'p')).toMatchObject({ ready: true, model: 'Pixel 7', diagnosis: null });
    expect(describePhone('s', 'unauthorized', null, null).diagnosis).toMatchObject({
      code: 'DEVICE_UNAUTHORIZED',
      fix: expect.stringContaining('tap Allow'),
    });
    expect(describePhone('s', 'offline', null, null).diagnosis?.code).toBe('DEVICE_OFFLINE');
    expect(describePhone('s', 'no permissions (user in plugdev group; are your udev rules wrong?)', null, null).diagnosis).toMatchObject({
      code: 'DEVICE_NO_PERMISSIONS',
      fix: expect.stringContaining('udev'),
    });
  });
});
