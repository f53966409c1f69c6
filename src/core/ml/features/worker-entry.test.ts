import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { featureWorkerEntry, workerExecArgv, workerFromSources } from './worker-entry';

describe('feature worker entry', () => {
  it('from sources, runs a bundle of the worker whose start loads neither TF.js nor sharp nor tsx', async () => {
    const url = await featureWorkerEntry();
    const file = fileURLToPath(url);
    expect(file).toMatch(/node_modules[\\/]\.cache[\\/]magritte-studio[\\/]feature-worker-[0-9a-f]{16}[\\/]feature-worker\.mjs$/);
    // What the entry imports up front (its own chunks included): only what TensorFlow Lite needs.
    const seen = new Set<string>();
    const upFront = (f: string): string[] => {
      if (seen.has(f)) return [];
      seen.add(f);
      const text = fs.readFileSync(f, 'utf8');
      const specs = [...text.matchAll(/^import\s[^'"]*?from\s*["']([^"']+)["'];?$|^import\s*["']([^"']+)["'];?$/gms)].map((m) => m[1] ?? m[2]);
      return specs.flatMap((s) => (s.startsWith('.') ? [s, ...upFront(path.resolve(path.dirname(f), s))] : [s]));
    };
    const imports = upFront(file);
    expect(imports).toContain('node:worker_threads');
    expect(imports.filter((s) => /tensorflow|sharp|tsx/.test(s))).toEqual([]);
  });

  it('making the bundle deletes bundles of other versions no longer used, and keeps its own', async () => {
    const staging = path.dirname(path.dirname(fileURLToPath(await featureWorkerEntry())));
    // A bundle some older version of the worker left two hours ago (a name no real hash has).
    const stale = path.join(staging, 'feature-worker-ffffffffffffff00');
    fs.mkdirSync(stale, { recursive: true });
    fs.writeFileSync(path.join(stale, 'feature-worker.mjs'), 'export {};');
    const then = new Date(Date.now() - 2 * 60 * 60_000);
    fs.utimesSync(stale, then, then);
    const url = await workerFromSources();
    expect(url).not.toBeNull();
    expect(fs.existsSync(fileURLToPath(url!))).toBe(true);
    expect(fs.existsSync(stale)).toBe(false);
  });

  it("passes the parent's module loaders on to workers, minus TypeScript ones and flags a worker refuses", async () => {
    expect(
      workerExecArgv([
        '--require',
        '/x/node_modules/tsx/dist/preflight.cjs',
        '--import',
        'file:///x/node_modules/tsx/dist/loader.mjs',
        '--expose-gc',
        '--import',
        '/x/tests/parent-port.mjs',
        '--import=tsx',
        '--max-old-space-size=4096',
      ]),
    ).toEqual(['--import', '/x/tests/parent-port.mjs']);
    // A worker refuses V8 flags given explicitly (npm run bench runs with --expose-gc).
    const flags = workerExecArgv(['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx']);
    const worker = new Worker("require('node:worker_threads').parentPort.postMessage('up')", { eval: true, execArgv: flags });
    try {
      expect(await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject))).toBe('up');
    } finally {
      await worker.terminate();
    }
  });
});
