/**
 * The emulated phone against the real adb server and the adbkit client: if these pass, the deploy
 * tests exercise the real adb stack rather than a mock of it.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Duplex, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatedPhone } from './emulated-phone';
import { startAdbServer, type AdbTestServer } from './adb-test-server';

let adb: AdbTestServer;
const phones: EmulatedPhone[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-emu-test-'));

async function phone(opts: Parameters<typeof EmulatedPhone.start>[0] = {}): Promise<EmulatedPhone> {
  const p = await EmulatedPhone.start(opts);
  phones.push(p);
  return p;
}

function readAll(stream: Readable | Duplex): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

async function shell(serial: string, cmd: string): Promise<string> {
  return (await readAll(await adb.host.client.getDevice(serial).shell(cmd))).toString();
}

function push(serial: string, file: string, remote: string): Promise<void> {
  return adb.host.client
    .getDevice(serial)
    .push(file, remote)
    .then(
      (t: NodeJS.EventEmitter) =>
        new Promise<void>((resolve, reject) => {
          let failed = false;
          t.on('error', (e: Error) => {
            failed = true;
            reject(e);
          });
          t.on('end', () => !failed && resolve());
        }),
    );
}

beforeAll(async () => {
  adb = await startAdbServer();
});

afterAll(async () => {
  for (const p of phones) await p.stop();
  await adb.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('emulated phone over the real adb server', () => {
  it('introduces itself with its model and runs shell commands', async () => {
    const p = await phone({ model: 'Pixel 7' });
    await adb.attach(p);
    const line = (await adb.host.devices()).find((d) => d.serial === p.serial);
    expect(line).toMatchObject({ state: 'device', model: 'Pixel_7', product: 'magritte_phone' });
    expect(await shell(p.serial, 'getprop ro.product.model')).toBe('Pixel 7\n');
    expect(await shell(p.serial, 'false; echo "rc=$?" && mkdir -p /sdcard/a/b && ls /sdcard/a')).toBe('rc=1\nb\n');
    expect(await shell(p.serial, 'nosuchtool')).toContain('inaccessible or not found');
  });

  it('receives, lists, stats and returns files byte for byte through sync', async () => {
    const p = await phone();
    await adb.attach(p);
    const data = randomBytes(300_000);
    const file = path.join(tmp, 'blob.bin');
    fs.writeFileSync(file, data);
    await push(p.serial, file, '/sdcard/Download/x/blob.bin');
    expect(p.readFile('/storage/emulated/0/Download/x/blob.bin').equals(data)).toBe(true);
    const device = adb.host.client.getDevice(p.serial);
    const stat = await device.stat('/sdcard/Download/x/blob.bin');
    expect(Number(stat.size)).toBe(data.length);
    const names = (await device.readdir('/sdcard/Download/x')).map((e: { name: string }) => e.name);
    expect(names).toEqual(['blob.bin']);
    const pulled = await readAll(await device.pull('/sdcard/Download/x/blob.bin'));
    expect(pulled.equals(data)).toBe(true);
    expect(await shell(p.serial, 'sha256sum /sdcard/Download/x/blob.bin')).toMatch(/^[0-9a-f]{64} {2}\/sdcard\/Download\/x\/blob.bin\n$/);
  });

  it('runs adb reverse through a real tunnel', async () => {
    const p = await phone();
    await adb.attach(p);
    const server = http.createServer((_req, res) => res.end('hello from the studio'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      const device = adb.host.client.getDevice(p.serial);
      expect(await device.reverse('tcp:8080', `tcp:${port}`)).toBe(true);
      expect(await device.listReverses()).toEqual([{ remote: 'tcp:8080', local: `tcp:${port}` }]);
      const body = await (await fetch(`http://127.0.0.1:${p.reversePort(8080)}/phone/1`)).text();
      expect(body).toBe('hello from the studio');
    } finally {
      server.close();
    }
  });

  it('stays unauthorized until the user taps Allow, and trusts the key next time', async () => {
    const p = await phone({ auth: 'refuse' });
    await adb.attach(p, 'unauthorized');
    p.tapAllow();
    await adb.waitForState(p.serial, ['device']);
    await adb.detach(p);
    await adb.attach(p);
    expect(p.events).toContain('AUTH signature verified with a trusted key');
  });

  it('refuses a SEND that does not fit and keeps no partial file', async () => {
    const p = await phone({ faults: { freeBytes: 100_000 } });
    await adb.attach(p);
    const file = path.join(tmp, 'big.bin');
    fs.writeFileSync(file, randomBytes(400_000));
    await expect(push(p.serial, file, '/sdcard/big.bin')).rejects.toThrow(/No space left on device/);
    expect(p.exists('/sdcard/big.bin')).toBe(false);
  });

  it('drops the connection after N bytes, like a pulled cable', async () => {
    const p = await phone({ faults: { dropAfterBytes: 50_000 } });
    await adb.attach(p);
    const file = path.join(tmp, 'drop.bin');
    fs.writeFileSync(file, randomBytes(200_000));
    await expect(push(p.serial, file, '/sdcard/drop.bin')).rejects.toThrow();
    expect(p.plugged).toBe(false);
    // adb 29 keeps a lost TCP phone listed as "offline" while it retries the connection.
    await adb.waitForState(p.serial, ['offline', 'gone']);
    expect(p.exists('/sdcard/drop.bin')).toBe(false);
    await adb.host.disconnect(p.serial);
  });
});
