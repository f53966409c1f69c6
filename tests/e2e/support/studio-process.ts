/**
 * A browser host of its own for one spec file: `tsx src/web/server.ts` on a free port, with its own
 * data and projects folders and its own environment (the deploy specs point it at a private adb
 * server and phone-page port). The shared host in playwright.config.ts cannot be re-pointed once
 * started, and deploy tests must not touch the machine's real adb on 5037.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { connectStudio, type StudioConnection } from './studio-client';
import { freePort } from '../../../src/test-support/free-port';

export interface StudioProcess extends StudioConnection {
  /** The address the host printed, secret included (http://127.0.0.1:<port>/?token=...). */
  entryUrl: string;
  /** The page address without the secret (a browser needs sessionState(url, token) or entryUrl first). */
  url: string;
  token: string;
  port: number;
  /** Everything the host printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** `args` go to server.ts after the folders (e.g. ['--adb', file]). */
export async function startStudioProcess(opts: { dir: string; env: Record<string, string>; args?: string[] }): Promise<StudioProcess> {
  const port = await freePort();
  const args = [
    '--import',
    'tsx',
    'src/web/server.ts',
    '--port',
    String(port),
    '--data-dir',
    path.join(opts.dir, 'data'),
    '--projects-dir',
    path.join(opts.dir, 'projects'),
    ...(opts.args ?? []),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: path.resolve('.'),
    env: { ...process.env, MAGRITTE_MODELS_PATH: path.resolve('../shared/models'), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += String(d)));
  child.stderr?.on('data', (d) => (log += String(d)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The studio host did not start in 60 s:\n${log}`)), 60_000);
    const check = () => {
      if (log.includes('is running at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The studio host exited (${code}):\n${log}`));
    });
  });
  // What a teacher would copy from the terminal.
  const printed = /is running at (http:\/\/\S+)/.exec(log);
  const token = printed ? new URL(printed[1]).searchParams.get('token') : null;
  if (!printed || !token) throw new Error(`The studio host did not print its address with a token:\n${log}`);
  const connection = await connectStudio(`ws://127.0.0.1:${port}/ws`, token);
  return {
    ...connection,
    entryUrl: printed[1],
    url: `http://127.0.0.1:${port}/`,
    token,
    port,
    output: () => log,
    stop: async () => {
      connection.close();
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
