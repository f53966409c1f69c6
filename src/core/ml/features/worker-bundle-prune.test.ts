import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test-support/test-core';
import { BUNDLE_GRACE_MS, markBundleUsed, pruneWorkerBundles } from './worker-bundle-prune';

/** The bundles of the feature worker made from sources: the current one stays, old ones go. */
describe('pruning old feature worker bundles', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  const bundle = (staging: string, name: string, ageMs: number) => {
    const dir = path.join(staging, name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'feature-worker.mjs'), 'export {};');
    const when = new Date(Date.now() - ageMs);
    fs.utimesSync(dir, when, when);
    return dir;
  };

  it('keeps the current bundle and ones used lately, deletes the others, and never follows a link', async () => {
    const staging = tempDir('magritte-bundles-');
    const outside = tempDir('magritte-bundles-outside-');
    dirs.push(staging, outside);
    const hour = 60 * 60_000;
    bundle(staging, 'feature-worker-00000000000000aa', 2 * hour);
    bundle(staging, 'feature-worker-00000000000000bb', 2 * hour);
    bundle(staging, 'feature-worker-00000000000000cc', 60_000);
    bundle(staging, 'feature-worker-00000000000000dd.123.456.tmp', 2 * hour);
    bundle(staging, 'something-else', 2 * hour);
    fs.writeFileSync(path.join(outside, 'keep.txt'), 'mine');
    fs.symlinkSync(outside, path.join(staging, 'feature-worker-00000000000000ee'));

    const removed = await pruneWorkerBundles(staging, 'feature-worker-00000000000000aa');
    expect(removed.sort()).toEqual(['feature-worker-00000000000000bb', 'feature-worker-00000000000000dd.123.456.tmp']);
    expect(fs.readdirSync(staging).sort()).toEqual([
      'feature-worker-00000000000000aa',
      'feature-worker-00000000000000cc',
      'feature-worker-00000000000000ee',
      'something-else',
    ]);
    expect(fs.readFileSync(path.join(outside, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('a bundle marked used is kept until it has been idle for the grace time', async () => {
    const staging = tempDir('magritte-bundles-');
    dirs.push(staging);
    const old = bundle(staging, 'feature-worker-0000000000000011', 2 * BUNDLE_GRACE_MS);
    await markBundleUsed(old);
    expect(await pruneWorkerBundles(staging, 'feature-worker-0000000000000022')).toEqual([]);
    expect(await pruneWorkerBundles(staging, 'feature-worker-0000000000000022', BUNDLE_GRACE_MS, Date.now() + BUNDLE_GRACE_MS + 1000)).toEqual([
      'feature-worker-0000000000000011',
    ]);
    expect(fs.existsSync(old)).toBe(false);
  });

  it("leaves another worker's bundles to that worker: each prunes only its own", async () => {
    const staging = tempDir('magritte-bundles-');
    dirs.push(staging);
    const hour = 60 * 60_000;
    bundle(staging, 'feature-worker-00000000000000aa', 2 * hour);
    bundle(staging, 'deck-map-worker-00000000000000bb', 2 * hour);
    bundle(staging, 'deck-map-worker-00000000000000cc', 2 * hour);
    expect(await pruneWorkerBundles(staging, 'deck-map-worker-00000000000000bb')).toEqual(['deck-map-worker-00000000000000cc']);
    expect(fs.readdirSync(staging).sort()).toEqual(['deck-map-worker-00000000000000bb', 'feature-worker-00000000000000aa']);
  });
});
