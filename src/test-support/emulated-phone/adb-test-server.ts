/**
 * A real adb server for tests, on its own free port with its own HOME (so its RSA key and port
 * files stay out of the user's ~/.android), plus attaching emulated phones to it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AdbHost } from '../../core/devices/adb-host';
import { locateAdb } from '../../core/devices/adb-locator';
import { freePort } from '../free-port';
import type { EmulatedPhone } from './emulated-phone';

export interface AdbTestServer {
  port: number;
  bin: string;
  host: AdbHost;
  /** Connects the phone (`adb connect`) and waits until adb reports `state` for it. */
  attach(phone: EmulatedPhone, state?: string): Promise<void>;
  detach(phone: EmulatedPhone): Promise<void>;
  /** Waits until adb reports the serial in one of `states` ('gone' when absent). */
  waitForState(serial: string, states: string[], timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

function adb(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { env, timeout: 30_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message} ${stderr}`)) : resolve(stdout)));
  });
}

export async function startAdbServer(): Promise<AdbTestServer> {
  const bin = locateAdb().path;
  const port = await freePort();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-adb-home-'));
  const env = { ...process.env, HOME: home, ANDROID_SDK_HOME: home, ANDROID_ADB_SERVER_PORT: String(port) };
  await adb(bin, ['-P', String(port), 'start-server'], env);
  const host = new AdbHost(bin, port);

  const waitForState = async (serial: string, states: string[], timeoutMs = 15_000): Promise<string> => {
    const until = Date.now() + timeoutMs;
    let last = 'gone';
    while (Date.now() < until) {
      const line = (await host.devices()).find((d) => d.serial === serial);
      last = line?.state ?? 'gone';
      if (states.includes(last)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${serial} stayed "${last}", expected ${states.join(' or ')}`);
  };

  return {
    port,
    bin,
    host,
    waitForState,
    attach: async (phone, state = 'device') => {
      // adb 29 answers "failed to authenticate" as soon as AUTH starts, even if the phone then allows it.
      await host.connect('127.0.0.1', phone.port);
      await waitForState(phone.serial, [state]);
    },
    detach: async (phone) => {
      await host.disconnect(phone.serial);
      await waitForState(phone.serial, ['gone']);
    },
    stop: async () => {
      await adb(bin, ['-P', String(port), 'kill-server'], env).catch(() => undefined);
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
