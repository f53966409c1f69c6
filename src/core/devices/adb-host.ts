/**
 * One adb program and the server it runs on a port: version checks, starting the server when it
 * is not running, listing phones, and an adbkit client for talking to a phone.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Client as AdbkitClient } from '@devicefarmer/adbkit';
import { AdbServerUnreachable, hostCommand, hostQuery, parseDevicesLong, type DeviceLine } from './adb-host-protocol';
import { deviceErrors } from './device-errors';

// adbkit is CommonJS; requiring it avoids differences between Node's, tsx's and Vite's ESM interop.
const adbkit = createRequire(import.meta.url)('@devicefarmer/adbkit') as typeof import('@devicefarmer/adbkit');

export const DEFAULT_ADB_PORT = 5037;

/** The port adb itself uses: ANDROID_ADB_SERVER_PORT, else 5037. */
export function adbServerPort(env: NodeJS.ProcessEnv = process.env): number {
  const p = Number(env.ANDROID_ADB_SERVER_PORT);
  return Number.isInteger(p) && p > 0 && p < 65536 ? p : DEFAULT_ADB_PORT;
}

/** "Android Debug Bridge version 1.0.41" -> 41 (the number the server reports as host:version). */
export function parseAdbVersion(text: string): number | null {
  const m = /Android Debug Bridge version \d+\.\d+\.(\d+)/.exec(text);
  return m ? Number(m[1]) : null;
}

function run(bin: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: timeoutMs, windowsHide: true }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message}${stderr ? `: ${stderr.trim()}` : ''}`));
      else resolve(`${stdout}${stderr}`);
    });
  });
}

export class AdbHost {
  private version: number | null = null;
  private kit: AdbkitClient | null = null;

  constructor(
    readonly bin: string,
    readonly port: number,
  ) {}

  /** The adb program's own version (cached). */
  async clientVersion(): Promise<number> {
    if (this.version !== null) return this.version;
    let out: string;
    try {
      out = await run(this.bin, ['version'], 10_000);
    } catch (e) {
      throw deviceErrors.adbBroken(this.bin, (e as Error).message);
    }
    const v = parseAdbVersion(out);
    if (v === null) throw deviceErrors.adbBroken(this.bin, `unexpected "adb version" output: ${out.trim().slice(0, 80)}`);
    this.version = v;
    return v;
  }

  /** The running server's version, or null when no server answers on the port. */
  async serverVersion(): Promise<number | null> {
    try {
      return parseInt(await hostQuery(this.port, 'host:version'), 16);
    } catch (e) {
      if (e instanceof AdbServerUnreachable) return null;
      throw e;
    }
  }

  /**
   * Makes sure a server of our version answers: starts one if none runs; refuses to fight a
   * server of another version (another tool's adb), which would kill and restart each other.
   */
  async ensureServer(): Promise<void> {
    const client = await this.clientVersion();
    let server = await this.serverVersion();
    if (server === null) {
      try {
        await run(this.bin, ['-P', String(this.port), 'start-server'], 30_000);
      } catch (e) {
        throw deviceErrors.adbServerDown(this.port, (e as Error).message);
      }
      server = await this.serverVersion();
      if (server === null) throw deviceErrors.adbServerDown(this.port, 'it did not answer after starting');
    }
    if (server !== client) throw deviceErrors.adbVersionMismatch(client, server);
  }

  async devices(): Promise<DeviceLine[]> {
    return parseDevicesLong(await hostQuery(this.port, 'host:devices-l'));
  }

  /** Asks the server to attach a phone reachable over TCP (used by tests and Wi-Fi debugging). */
  async connect(host: string, port: number): Promise<string> {
    return hostQuery(this.port, `host:connect:${host}:${port}`);
  }

  async disconnect(serial: string): Promise<void> {
    await hostQuery(this.port, `host:disconnect:${serial}`).catch(() => undefined);
  }

  async killServer(): Promise<void> {
    await hostCommand(this.port, 'host:kill').catch(() => undefined);
  }

  /** adbkit client for phone-level work (shell, sync, reverse). */
  get client(): AdbkitClient {
    this.kit ??= adbkit.Adb.createClient({ host: '127.0.0.1', port: this.port, bin: this.bin });
    return this.kit;
  }
}
