/**
 * `npm run serve`: the studio in a browser. Serves the built UI and the core on 127.0.0.1 only, to
 * the tab opened from the address it prints (which holds this start's secret: see session.ts).
 *   tsx src/web/server.ts [--port 5780] [--data-dir DIR] [--projects-dir DIR] [--adb PATH]
 * Environment: MAGRITTE_PORT, MAGRITTE_DATA_DIR, MAGRITTE_PROJECTS_DIR, MAGRITTE_MODELS_PATH,
 * MAGRITTE_SESSION_TOKEN (scripts and tests that must know the secret in advance).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStudioCore } from '../core/index';
import { startWebHost } from './web-host';

const DEFAULT_PORT = 5780;

interface ServeArgs {
  port: number;
  dataDir?: string;
  projectsDir?: string;
  /** The adb program to run; the page cannot choose it. */
  adbPath?: string;
}

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeArgs {
  const value = (flag: string): string | undefined => {
    const i = argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
    if (i < 0) return undefined;
    return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
  };
  const portText = value('--port') ?? env.MAGRITTE_PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`"${portText}" is not a port number. Use --port with a number such as ${DEFAULT_PORT}.`);
  }
  return { port, dataDir: value('--data-dir'), projectsDir: value('--projects-dir'), adbPath: value('--adb') };
}

async function main(): Promise<void> {
  let args: ServeArgs;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const rendererDir = path.resolve(here, '../../out/renderer');
  const core = createStudioCore({
    dataDir: args.dataDir && path.resolve(args.dataDir),
    projectsDir: args.projectsDir && path.resolve(args.projectsDir),
    adbPath: args.adbPath && path.resolve(args.adbPath),
  });
  let host;
  try {
    host = await startWebHost({ core, rendererDir, port: args.port });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${args.port} is already in use (is the studio already running?). Start with --port ${args.port + 1}.`
        : `The studio could not start: ${(e as Error).message}`,
    );
    await core.close();
    process.exit(1);
  }
  console.log(`Magritte Studio is running at ${host.url}`);
  console.log('Open that address in Chrome, Chromium, Edge or Firefox. It holds a secret made for this start: keep it to yourself.');
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main();
}
