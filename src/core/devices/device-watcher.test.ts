import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Phone } from '../../shared/api/devices';
import { startAdbServer, type AdbTestServer } from '../../test-support/emulated-phone/adb-test-server';
import { EmulatedPhone } from '../../test-support/emulated-phone/emulated-phone';
import { DeviceWatcher } from './device-watcher';

describe('the live list of phones', () => {
  let adb: AdbTestServer;
  const phones: EmulatedPhone[] = [];

  beforeAll(async () => {
    adb = await startAdbServer();
  });

  afterAll(async () => {
    for (const p of phones) await p.stop();
    await adb?.stop();
  });

  it('reports a phone waiting for Allow as unauthorized, though adb itself never announces that change', async () => {
    const seen: Phone[][] = [];
    const watcher = new DeviceWatcher(adb.host, (list) => seen.push(list));
    await watcher.start();
    try {
      const phone = await EmulatedPhone.start({ model: 'Galaxy A14', auth: 'refuse' });
      phones.push(phone);
      await adb.host.connect('127.0.0.1', phone.port);
      const stateOf = () => seen.at(-1)?.find((p) => p.serial === phone.serial)?.state;
      await expect.poll(stateOf, { timeout: 10_000 }).toBe('unauthorized');
      phone.tapAllow();
      await expect.poll(stateOf, { timeout: 10_000 }).toBe('device');
    } finally {
      watcher.stop();
    }
  });
});
