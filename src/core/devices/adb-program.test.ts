import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventBus } from '../event-bus';
import { createStudioCore } from '../index';
import { checkAdbProgram } from './adb-program';
import { DeviceService } from './device-service';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-adb-program-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A shell script at `name` that prints `text` for any arguments and notes each run in `<name>.ran`. */
function script(name: string, text: string, mode = 0o755): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, `#!/bin/sh\necho run >> "${file}.ran"\necho "${text}"\n`, { mode });
  return file;
}

const ran = (file: string): boolean => fs.existsSync(`${file}.ran`);

const fakeAdb = script('adb', 'Android Debug Bridge version 1.0.41\nVersion 34.0.5-debian');
const notAdb = script('not-adb', 'Hello from a shell script');
const WHERE = 'in the test';

describe('checking a chosen adb program', () => {
  it('accepts a program that answers "version" like adb, and runs the real file behind a link', async () => {
    const link = path.join(tmp, 'adb-link');
    fs.symlinkSync(fakeAdb, link);
    await expect(checkAdbProgram(fakeAdb, WHERE)).resolves.toEqual({ path: fakeAdb, banner: 'Android Debug Bridge version 1.0.41' });
    await expect(checkAdbProgram(link, WHERE)).resolves.toMatchObject({ path: fakeAdb });
  });

  it('refuses a program that answers something else, naming it and what it said', async () => {
    const err = await checkAdbProgram(notAdb, WHERE).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'ADB_INVALID',
      message: `${notAdb} cannot be used as adb: asked for its version, it answered "Hello from a shell script", not "Android Debug Bridge version ...".`,
      fix: expect.stringContaining('Choose the adb program from Android platform-tools'),
    });
    expect((err as Error).message).toContain(notAdb);
  });

  it('refuses what is not a runnable regular file, whatever a link says', async () => {
    const plain = script('not-executable', 'Android Debug Bridge version 1.0.41', 0o644);
    const linkToNotAdb = path.join(tmp, 'adb-looks-fine');
    fs.symlinkSync(notAdb, linkToNotAdb);
    const dir = path.join(tmp, 'folder');
    fs.mkdirSync(dir);
    const cases: [string, RegExp][] = [
      [plain, /it is not allowed to run/],
      [linkToNotAdb, /answered "Hello from a shell script"/],
      [dir, /it is not a program file/],
      [path.join(tmp, 'missing'), /there is no such file/],
      ['adb', /it is not a full path/],
    ];
    for (const [file, why] of cases) {
      await expect(checkAdbProgram(file, WHERE)).rejects.toMatchObject({ code: 'ADB_INVALID', message: expect.stringMatching(why) });
    }
    expect(ran(plain)).toBe(false);
  });
});

describe('who may choose the adb program', () => {
  it('refuses a request that names adbPath: the program is never saved nor run', async () => {
    const evil = script('evil', 'Android Debug Bridge version 1.0.41');
    const core = createStudioCore({ dataDir: path.join(tmp, 'data-request'), projectsDir: path.join(tmp, 'projects') });
    try {
      const request = { adbPath: evil } as unknown as Parameters<typeof core.api.updateDeviceSettings>[0];
      const refused = { code: 'BAD_REQUEST', message: expect.stringContaining('adbPath') };
      await expect(core.api.updateDeviceSettings(request)).rejects.toMatchObject(refused);
      // Mixed with allowed fields, the whole request is refused and nothing is saved.
      await expect(core.api.updateDeviceSettings({ appPackage: 'org.example.app', ...request })).rejects.toMatchObject(refused);
      expect((await core.api.getDeviceSettings()).adbPath).toBeNull();
      expect((await core.api.getDeviceSettings()).appPackage).toBe('org.magritte.app');
      await core.api.getAdbInfo();
      expect(ran(evil)).toBe(false);
      // The phone app's own settings still change.
      expect((await core.api.updateDeviceSettings({ appPackage: 'org.example.app' })).appPackage).toBe('org.example.app');
    } finally {
      await core.close();
    }
  });

  it('takes the computer-side choice once it answers like adb, and keeps it', async () => {
    const env = { PATH: '', ANDROID_ADB_SERVER_PORT: '1' };
    const dataDir = path.join(tmp, 'data-local');
    const devices = new DeviceService({ dataDir, events: new EventBus(), env });
    await expect(devices.chooseAdb(notAdb)).rejects.toMatchObject({ code: 'ADB_INVALID' });
    expect(devices.getSettings().adbPath).toBeNull();
    const info = await devices.chooseAdb(fakeAdb);
    expect(info).toMatchObject({ path: fakeAdb, source: 'settings', clientVersion: 41 });
    expect(info.problem?.code).not.toBe('ADB_INVALID');
    expect(new DeviceService({ dataDir, events: new EventBus(), env }).getSettings().adbPath).toBe(fakeAdb);
    expect((await devices.chooseAdb(null)).source).toBeNull();
    devices.dispose();
  });

  it('checks --adb before running it, and says which program was refused', async () => {
    const env = { PATH: path.dirname(fakeAdb), ANDROID_ADB_SERVER_PORT: '1' };
    const devices = new DeviceService({ dataDir: path.join(tmp, 'data-cli'), events: new EventBus(), env, adbPath: notAdb });
    const info = await devices.adbInfo();
    expect(info).toMatchObject({ found: false, path: notAdb, source: 'command line', problem: { code: 'ADB_INVALID' } });
    expect(info.problem?.fix).toContain('with --adb PATH when starting the studio');
    devices.dispose();
  });
});
