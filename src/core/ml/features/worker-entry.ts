import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFileInsideSync } from '../../fs/safe-path';
import { markBundleUsed, pruneWorkerBundles } from './worker-bundle-prune';

/**
 * The worker threads the core starts. Each one's sources sit in one folder as `<name>.ts`, with a
 * `<name>-bootstrap.mjs` beside it, and electron-vite builds each as its own entry `<name>.js`
 * (electron.vite.config.ts).
 */
export type WorkerName = 'feature-worker' | 'deck-map-worker';

/**
 * A worker's entry. Bundled by electron-vite (packaged app, out/main), the built `<name>.js` sits
 * next to the bundle (or one folder up, from a shared chunk). From sources (tsx: CLI, browser host,
 * tests) see `workerFromSources`; failing that, a small .mjs teaches the thread to load TypeScript
 * first. `here` is the URL of a module in the worker's source folder.
 */
export function workerUrl(name: WorkerName, here: string): URL {
  if (!here.endsWith('.ts')) {
    for (const rel of [`./${name}.js`, `../${name}.js`]) {
      const built = new URL(rel, here);
      if (fs.existsSync(fileURLToPath(built))) return built;
    }
  }
  return new URL(`./${name}-bootstrap.mjs`, here);
}

/** The feature pool's worker (see `workerUrl`). */
export function featureWorkerUrl(here = import.meta.url): URL {
  return workerUrl('feature-worker', here);
}

/** The nearest folder above `file` that has node_modules (the project's root, from sources). */
function projectRoot(file: string): string | null {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'node_modules'))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ outputFiles: { path: string; text: string }[] }>;
}

/**
 * From sources, each worker thread would first load tsx and transform every TypeScript file it
 * imports: measured 1 s of each worker's start on a quiet 2-core machine, 4 s under load. Instead
 * the worker's sources are bundled here once per process with esbuild (the compiler tsx itself
 * runs), packages left external as in the packaged build, into node_modules/.cache/magritte-studio/
 * (inside the project, so the bundle finds packages as the sources do), named by a hash of its
 * text so that processes running other versions never meet each other's file. Null when that
 * cannot be done (no esbuild, a read-only folder): the caller then uses `workerUrl`. The worker's
 * name is the file's (`<name>.ts`).
 */
export async function workerFromSources(file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'feature-worker.ts')): Promise<URL | null> {
  try {
    const name = path.basename(file, '.ts');
    const root = projectRoot(file);
    if (!root) return null;
    // Not a static import: the packaged build must never try to bundle the bundler.
    const esbuildName = 'esbuild';
    const esbuild = (await import(/* @vite-ignore */ esbuildName)) as Esbuild;
    const staging = path.join(root, 'node_modules', '.cache', 'magritte-studio');
    const out = await esbuild.build({
      entryPoints: { [name]: file },
      bundle: true,
      // What the worker imports only when it falls back (TF.js, sharp) stays in chunks of its own:
      // inlined, the bundle would load them at every start.
      splitting: true,
      outdir: staging,
      entryNames: '[name]',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outExtension: { '.js': '.mjs' },
      write: false,
      logLevel: 'silent',
    });
    const hash = createHash('sha256');
    for (const f of out.outputFiles) hash.update(path.relative(staging, f.path)).update(f.text);
    const dir = path.join(staging, `${name}-${hash.digest('hex').slice(0, 16)}`);
    const target = path.join(dir, `${name}.mjs`);
    if (!fs.existsSync(target)) {
      // Written whole in a folder of its own, then renamed into place: a racing process never runs half of it.
      const tmp = `${dir}.${process.pid}.${Date.now()}.tmp`;
      fs.mkdirSync(tmp, { recursive: true });
      for (const f of out.outputFiles) writeFileInsideSync(tmp, path.join(tmp, path.relative(staging, f.path)), f.text, true);
      try {
        fs.renameSync(tmp, dir);
      } catch (e) {
        // Another process got there first with the same files.
        fs.rmSync(tmp, { recursive: true, force: true });
        if (!fs.existsSync(target)) throw e;
      }
    }
    // One bundle per change of the worker's code would pile up: keep this one (and others in use).
    await markBundleUsed(dir);
    await pruneWorkerBundles(staging, path.basename(dir)).catch(() => undefined);
    return pathToFileURL(target);
  } catch {
    return null;
  }
}

const resolved = new Map<WorkerName, Promise<URL>>();

/**
 * The URL a worker thread starts from: the built entry, else a bundle of the sources, else the tsx
 * bootstrap. `here` is the URL of a module in the worker's source folder (its caller's
 * `import.meta.url`). A bundle is marked used at each call; one deleted since (by another
 * checkout's pruning, after a long pause) is made again.
 */
export async function workerEntry(name: WorkerName, here: string): Promise<URL> {
  let pending = resolved.get(name);
  if (!pending) {
    pending = (async () => {
      const url = workerUrl(name, here);
      if (!url.pathname.endsWith('-bootstrap.mjs')) return url;
      return (await workerFromSources(path.join(path.dirname(fileURLToPath(here)), `${name}.ts`))) ?? url;
    })();
    resolved.set(name, pending);
  }
  const url = await pending;
  if (!url.pathname.includes('/.cache/magritte-studio/')) return url;
  const dir = path.dirname(fileURLToPath(url));
  if (fs.existsSync(fileURLToPath(url))) {
    await markBundleUsed(dir).catch(() => undefined);
    return url;
  }
  resolved.delete(name);
  return workerEntry(name, here);
}

/** The feature pool's worker entry (see `workerEntry`). */
export function featureWorkerEntry(): Promise<URL> {
  return workerEntry('feature-worker', import.meta.url);
}

const LOADER_FLAGS = new Set(['--require', '-r', '--import', '--loader', '--experimental-loader']);

/**
 * The Node flags worker threads start with: this process's module loaders, minus TypeScript ones.
 * A thread inherits its parent's flags, so under tsx every worker would load tsx again (measured:
 * most of a worker's start-up on a loaded machine), though its code is JavaScript (or loads tsx by
 * itself: the bootstrap). Only loaders are passed on: a worker refuses V8 and process-wide flags
 * such as --expose-gc (they apply to the whole process anyway).
 */
export function workerExecArgv(argv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (!LOADER_FLAGS.has(flag)) continue;
    const value = inline ?? argv[i + 1] ?? '';
    if (inline === undefined) i++;
    if (!/tsx/.test(value)) out.push(flag, value);
  }
  return out;
}
