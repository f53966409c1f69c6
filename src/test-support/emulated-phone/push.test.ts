/**
 * Deploy end to end below the UI: the studio core pushes a deck's export through the real adb
 * server to emulated phones; each fault gives its own error and leaves the phone's deck folder
 * with the previous complete files or nothing.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhonePushOutcome, PushPhoneProgress, PushResult } from '../../shared/api/devices';
import { testCore, type TestCore } from '../test-core';
import { foldProgress, percent, phaseText, type PhonesProgress } from '../../renderer/features/phones/push-progress';
import { EmulatedPhone, type EmulatedPhoneOptions } from './emulated-phone';
import { startAdbServer, type AdbTestServer } from './adb-test-server';
import { makeExport, waitForJob, type JobEnd } from './push-helpers';

const DEST = '/sdcard/Android/data/org.magritte.app/files/magritte/Fruits';
const STAGING = '/sdcard/Android/data/org.magritte.app/files/magritte/.incoming-Fruits';

let adb: AdbTestServer;
let tc: TestCore;
let deckId: number;
let v1: ReturnType<typeof makeExport>;
let v2: ReturnType<typeof makeExport>;
const phones: EmulatedPhone[] = [];
const progress: PushPhoneProgress[] = [];

async function phone(opts: EmulatedPhoneOptions = {}, state = 'device'): Promise<EmulatedPhone> {
  const p = await EmulatedPhone.start(opts);
  phones.push(p);
  await adb.attach(p, state);
  return p;
}

async function push(exportDir: string, serials?: string[]): Promise<JobEnd> {
  const { jobId } = await tc.core.api.startPush({ deckId, exportDir, serials });
  return waitForJob(tc.core, jobId);
}

function outcome(end: JobEnd, serial: string): PhonePushOutcome {
  const result = (end.ok ? end.result : (end.error.details as { result: PushResult }).result) as PushResult;
  const found = result.phones.find((p) => p.serial === serial);
  if (!found) throw new Error(`no outcome for ${serial}`);
  return found;
}

/** The deck folder on the phone holds exactly these files, byte for byte, and nothing else. */
function expectDeck(p: EmulatedPhone, files: Map<string, Buffer>): void {
  const onPhone: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name), `${prefix}${e.name}/`);
      else onPhone.push(`${prefix}${e.name}`);
    }
  };
  if (fs.existsSync(p.hostPath(DEST))) walk(p.hostPath(DEST), '');
  expect(onPhone.sort()).toEqual([...files.keys()].sort());
  for (const [rel, data] of files) expect(p.readFile(`${DEST}/${rel}`).equals(data), rel).toBe(true);
}

beforeAll(async () => {
  adb = await startAdbServer();
  // The core finds adb on PATH and talks to this test's server.
  process.env.ANDROID_ADB_SERVER_PORT = String(adb.port);
  tc = await testCore({ project: true });
  deckId = (await tc.core.api.createDeck({ name: 'Fruits' })).id;
  v1 = makeExport(path.join(tc.tmp, 'export-v1'), 1);
  v2 = makeExport(path.join(tc.tmp, 'export-v2'), 2, 260_000);
  tc.core.events.on('devices.pushProgress', (p) => progress.push(p));
});

afterAll(async () => {
  await tc?.dispose();
  for (const p of phones) await p.stop();
  await adb?.stop();
});

describe('push to phones', () => {
  it('says so when no phone is connected', async () => {
    const end = await push(v1.dir);
    expect(end.ok).toBe(false);
    if (!end.ok) expect(end.error.code).toBe('DEVICE_NONE');
  });

  it('puts byte-identical files in the deck folder of two phones, broadcasts, and records it', async () => {
    const a = await phone({ model: 'Pixel 7' });
    const b = await phone({ model: 'Galaxy A14' });
    const end = await push(v1.dir, [a.serial, b.serial]);
    expect(end.ok).toBe(true);
    for (const p of [a, b]) {
      expectDeck(p, v1.files);
      expect(p.exists(STAGING)).toBe(false);
      expect(p.amLog).toContainEqual(expect.arrayContaining(['broadcast', '-a', 'org.magritte.app.RELOAD', '-p', 'org.magritte.app']));
      expect(outcome(end, p.serial)).toMatchObject({ ok: true, verifiedWith: 'sha256', files: 4 });
      // The Phones tab's words for this phone's real events, in order (repeats folded).
      let state: PhonesProgress = {};
      const words: string[] = [];
      const percents: number[] = [];
      for (const event of progress.filter((x) => x.serial === p.serial)) {
        state = foldProgress(state, event);
        const text = phaseText(state[p.serial]);
        if (words.at(-1) !== text) words.push(text);
        percents.push(percent(state[p.serial]));
      }
      // Sending events are thinned out (a few a second), so later files may pass unnamed; those named come in order.
      const sent = words.filter((w) => w.startsWith('Sending '));
      const counted = sent.map((w) => Number(/^Sending \S+ \((\d) of 4\)$/.exec(w)?.[1]));
      expect(counted[0]).toBe(1);
      expect(counted).toEqual([...new Set(counted)].sort());
      expect(words).toEqual([
        'Getting the phone ready…',
        ...sent,
        'Checking the files on the phone…',
        'Putting the files in place…',
        'Sent and checked',
      ]);
      expect(percents).toEqual([...percents].sort((x, y) => x - y));
      expect(percents.at(-1)).toBe(100);
      expect(percents.at(-2)).toBe(99);
    }
    const history = await tc.core.api.listPushHistory({ deckId });
    expect(history.map((h) => [h.serial, h.model, h.ok, h.destination, h.files])).toEqual(
      expect.arrayContaining([
        [a.serial, 'Pixel 7', true, DEST, 4],
        [b.serial, 'Galaxy A14', true, DEST, 4],
      ]),
    );
  });

  it('reports a full phone (df) and keeps the previous deck', async () => {
    const p = await phone();
    expect((await push(v1.dir, [p.serial])).ok).toBe(true);
    p.faults.freeBytes = 0;
    const end = await push(v2.dir, [p.serial]);
    expect(end.ok).toBe(false);
    if (!end.ok) expect(end.error).toMatchObject({ code: 'DEVICE_STORAGE_FULL', message: expect.stringContaining('out of storage space') });
    expectDeck(p, v1.files);
    const [last] = await tc.core.api.listPushHistory({ deckId, limit: 1 });
    expect(last).toMatchObject({ serial: p.serial, ok: false, errorCode: 'DEVICE_STORAGE_FULL' });
  });

  it('reports a phone that fills up while receiving (sync FAIL) and leaves nothing behind', async () => {
    const p = await phone({ faults: { freeBytes: 120_000, reportedFreeBytes: 8_000_000_000 } });
    const end = await push(v1.dir, [p.serial]);
    expect(!end.ok && end.error.code).toBe('DEVICE_STORAGE_FULL');
    expectDeck(p, new Map());
    expect(p.listDir(STAGING)).toEqual([]);
  });

  it('catches a corrupted copy by its hash, retries once, and keeps the previous deck', async () => {
    const p = await phone();
    expect((await push(v1.dir, [p.serial])).ok).toBe(true);
    p.faults.corruptPushes = 'model.tflite';
    const sendsBefore = p.syncSends.length;
    const end = await push(v2.dir, [p.serial]);
    expect(end.ok).toBe(false);
    if (!end.ok) expect(end.error).toMatchObject({ code: 'DEVICE_HASH_MISMATCH', message: expect.stringContaining('model.tflite') });
    // 4 files, then the damaged one once more.
    expect(p.syncSends.length - sendsBefore).toBe(5);
    expectDeck(p, v1.files);
    expect(p.listDir(STAGING)).toEqual([]);
  });

  it('reports a phone unplugged mid-push, keeps the previous deck, and recovers after replugging', async () => {
    const p = await phone();
    expect((await push(v1.dir, [p.serial])).ok).toBe(true);
    p.dropAfter(100_000);
    const end = await push(v2.dir, [p.serial]);
    expect(end.ok).toBe(false);
    if (!end.ok) expect(end.error).toMatchObject({ code: 'DEVICE_DISCONNECTED', message: expect.stringContaining('unplugged') });
    expectDeck(p, v1.files);
    // Plug back in: the next push empties the leftover staging folder and succeeds.
    await adb.host.disconnect(p.serial);
    await p.replug();
    await adb.attach(p);
    expect((await push(v2.dir, [p.serial])).ok).toBe(true);
    expectDeck(p, v2.files);
    expect(p.exists(STAGING)).toBe(false);
  });

  it('stops when cancelled and leaves neither .part files nor a half deck', async () => {
    const p = await phone();
    const big = makeExport(path.join(tc.tmp, 'export-big'), 3, 6_000_000);
    const { jobId } = await tc.core.api.startPush({ deckId, exportDir: big.dir, serials: [p.serial] });
    const off = tc.core.events.on('devices.pushProgress', (x) => {
      if (x.jobId === jobId && x.phase === 'sending') void tc.core.api.cancelJob({ jobId });
    });
    const end = await waitForJob(tc.core, jobId);
    off();
    expect(!end.ok && end.error.code).toBe('JOB_CANCELLED');
    expectDeck(p, new Map());
    await expect.poll(() => p.exists(STAGING)).toBe(false);
  });

  it('uses md5sum on phones without sha256sum', async () => {
    const p = await phone({ faults: { hasSha256sum: false } });
    const end = await push(v1.dir, [p.serial]);
    expect(end.ok).toBe(true);
    expect(outcome(end, p.serial).verifiedWith).toBe('md5');
    expectDeck(p, v1.files);
  });

  it('shows the doctor for an unauthorised phone and refuses to push to it', async () => {
    const p = await phone({ auth: 'refuse' }, 'unauthorized');
    const listed = (await tc.core.api.listDevices()).find((d) => d.serial === p.serial);
    expect(listed).toMatchObject({ state: 'unauthorized', ready: false });
    expect(listed?.diagnosis?.code).toBe('DEVICE_UNAUTHORIZED');
    expect(listed?.diagnosis?.fix).toContain('Unlock the phone and tap Allow');
    const end = await push(v1.dir, [p.serial]);
    expect(!end.ok && end.error.code).toBe('DEVICE_UNAUTHORIZED');
    expectDeck(p, new Map());
  });

  it('asks for an export when the deck has none and no folder is given', async () => {
    await expect(tc.core.api.startPush({ deckId })).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      fix: expect.stringContaining('Export the deck first'),
    });
  });

  it('announces phones as they come and go', async () => {
    const seen: string[][] = [];
    const off = tc.core.events.on('devices.changed', ({ devices }) => seen.push(devices.map((d) => `${d.serial}=${d.state}`)));
    try {
      await tc.core.api.listDevices(); // starts watching
      const p = await phone({ model: 'Moto G' });
      await expect.poll(() => seen.some((l) => l.includes(`${p.serial}=device`))).toBe(true);
      await adb.detach(p);
      await expect.poll(() => !seen.at(-1)?.some((x) => x.startsWith(p.serial))).toBe(true);
    } finally {
      off();
    }
  });

  it('opens the phone page through adb reverse and a VIEW intent', async () => {
    // A free port: openOnPhone starts the studio's phone page server there (src/core/phone-page).
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const p = phones[1];
    await expect(tc.core.api.openOnPhone({ deckId, port })).rejects.toMatchObject({ code: 'DEVICE_AMBIGUOUS' });
    const opened = await tc.core.api.openOnPhone({ deckId, port, serial: p.serial });
    expect(opened.url).toBe(`http://localhost:${port}/phone/${deckId}`);
    expect(p.amLog).toContainEqual(['start', '-a', 'android.intent.action.VIEW', '-d', opened.url]);
    // What the phone's browser reaches at localhost:<port>: the studio's phone page server.
    const body = await (await fetch(`http://127.0.0.1:${p.reversePort(port)}/phone-server.json`)).json();
    expect(body).toEqual({ app: 'magritte-studio', serves: 'phone-page' });
  });
});
