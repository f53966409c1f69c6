/**
 * What the deploy specs start from: a real adb server on a private port (src/test-support/emulated-phone), a studio
 * host of their own pointed at it (ANDROID_ADB_SERVER_PORT) and serving the phone page on a free
 * port (MAGRITTE_PHONE_PORT), in a folder under the e2e run's temp folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startAdbServer, type AdbTestServer } from '../../../src/test-support/emulated-phone/adb-test-server';
import { EmulatedPhone } from '../../../src/test-support/emulated-phone/emulated-phone';
import { e2eDir } from './paths';
import { freePort } from '../../../src/test-support/free-port';
import { startStudioProcess, type StudioProcess } from './studio-process';

export interface DeploySetup {
  adb: AdbTestServer;
  studio: StudioProcess;
  phonePort: number;
  /** Phones started through `phone()`, stopped with everything else. */
  phones: EmulatedPhone[];
  phone(opts?: Parameters<typeof EmulatedPhone.start>[0]): Promise<EmulatedPhone>;
  stop(): Promise<void>;
}

export async function startDeploySetup(name: string): Promise<DeploySetup> {
  const dir = fs.mkdtempSync(path.join(e2eDir(), `${name}-`));
  const adb = await startAdbServer();
  const phonePort = await freePort();
  let studio: StudioProcess;
  try {
    studio = await startStudioProcess({ dir, env: { ANDROID_ADB_SERVER_PORT: String(adb.port), MAGRITTE_PHONE_PORT: String(phonePort) } });
  } catch (e) {
    await adb.stop();
    throw e;
  }
  const phones: EmulatedPhone[] = [];
  return {
    adb,
    studio,
    phonePort,
    phones,
    phone: async (opts) => {
      const p = await EmulatedPhone.start(opts);
      phones.push(p);
      return p;
    },
    stop: async () => {
      await studio.stop();
      for (const p of phones) await p.stop().catch(() => undefined);
      await adb.stop();
    },
  };
}
