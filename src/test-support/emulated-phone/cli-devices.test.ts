/** `magritte devices | push | open-on-phone` against emulated phones and the real adb server. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../cli-runner';
import { EmulatedPhone } from './emulated-phone';
import { startAdbServer, type AdbTestServer } from './adb-test-server';
import { freePort } from '../free-port';
import { makeExport } from './push-helpers';

let adb: AdbTestServer;
let tmp: string;
let projectDir: string;
let exportDir: string;
let files: Map<string, Buffer>;
const phones: EmulatedPhone[] = [];
const DEST = '/sdcard/Android/data/org.magritte.app/files/magritte/Fruits';

// open-on-phone serves until stopped; stop it as soon as it is serving.
const cli = cliRunner(() => ({ dataDir: path.join(tmp, 'data'), projectsDir: path.join(tmp, 'projects') }), { untilStopped: async () => undefined });

beforeAll(async () => {
  adb = await startAdbServer();
  process.env.ANDROID_ADB_SERVER_PORT = String(adb.port);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-cli-devices-'));
  projectDir = path.join(tmp, 'Class.magritte');
  expect((await cli('create', projectDir, '--name', 'Class', '--langs', 'en,fr')).code).toBe(0);
  // No CLI command makes an empty deck; the core's API does.
  const { createStudioCore } = await import('../../core/index');
  const core = createStudioCore({ dataDir: path.join(tmp, 'data') });
  await core.api.openProject({ dir: projectDir });
  await core.api.createDeck({ name: 'Fruits' });
  await core.close();
  ({ dir: exportDir, files } = makeExport(path.join(tmp, 'export'), 1, 50_000));
});

afterAll(async () => {
  for (const p of phones) await p.stop();
  await adb?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('magritte CLI for phones', () => {
  it("lists phones with the doctor's advice", async () => {
    const ok = await EmulatedPhone.start({ model: 'Pixel 7' });
    const locked = await EmulatedPhone.start({ auth: 'refuse' });
    phones.push(ok, locked);
    await adb.attach(ok);
    await adb.attach(locked, 'unauthorized');
    const r = await cli('devices');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Pixel 7 (${ok.serial}): ready`);
    expect(r.out).toContain('Unlock the phone and tap Allow');
    const json = JSON.parse((await cli('devices', '--json')).out) as { devices: { serial: string; state: string }[] };
    expect(json.devices.map((d) => d.state).sort()).toEqual(['device', 'unauthorized']);
  });

  it('refuses to guess between several phones, then pushes to the one chosen', async () => {
    const [ok] = phones;
    const ambiguous = await cli('push', projectDir, '--export', exportDir);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toContain('2 phones are connected and none was chosen');
    expect(ambiguous.err).toContain('--device');
    const r = await cli('push', projectDir, '--export', exportDir, '--device', ok.serial);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`4 files checked (sha256) and placed in ${DEST}`);
    for (const [rel, data] of files) expect(ok.readFile(`${DEST}/${rel}`).equals(data)).toBe(true);
  });

  it("gives the unauthorised phone's own message when pushing to it", async () => {
    const r = await cli('push', projectDir, '--export', exportDir, '--device', phones[1].serial);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/has not allowed this computer yet[\s\S]*Fix: Unlock the phone and tap Allow/);
  });

  it('opens the phone page on the chosen phone', async () => {
    const port = await freePort();
    const r = await cli('open-on-phone', projectDir, '--device', phones[0].serial, '--port', String(port));
    expect(r.code).toBe(0);
    expect(r.out).toContain('Press Ctrl+C to stop');
    expect(phones[0].amLog).toContainEqual(['start', '-a', 'android.intent.action.VIEW', '-d', `http://localhost:${port}/phone/1`]);
    expect(phones[0].reversePort(port)).not.toBeNull();
  });
});
