import fs from 'node:fs/promises';
import { entryKind, joinInside, listInside, removeInside } from '../../fs/safe-path';

/**
 * Bundles of other versions of a worker (and half-written ones) unused for this long
 * are deleted. Not at once: worktrees share node_modules, so another checkout may be running a
 * version of its own right now (each process marks its bundle used whenever it starts workers).
 */
export const BUNDLE_GRACE_MS = 15 * 60_000;

/** `<worker name>-<hash>`, or a half-written `<worker name>-<hash>.<pid>.<time>.tmp`. */
const BUNDLE = /^([a-z][a-z-]*)-[0-9a-f]{16}(\.\d+\.\d+\.tmp)?$/;

/**
 * Deletes from `staging` every bundle folder of `keep`'s worker but `keep` that was last used
 * more than `graceMs` ago (another worker's bundles are that worker's business); anything else
 * there (a file, a link, a folder of another name) is left alone.
 * Returns the names deleted. Never follows a link (safe-path).
 */
export async function pruneWorkerBundles(staging: string, keep: string, graceMs = BUNDLE_GRACE_MS, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const worker = BUNDLE.exec(keep)?.[1];
  for (const name of await listInside(staging, staging)) {
    if (!worker || name === keep || BUNDLE.exec(name)?.[1] !== worker) continue;
    const dir = joinInside(staging, name);
    if ((await entryKind(dir)) !== 'dir') continue;
    const { mtimeMs } = await fs.lstat(dir);
    if (now - mtimeMs < graceMs) continue;
    await removeInside(staging, dir);
    removed.push(name);
  }
  return removed;
}

/** Marks a bundle folder as used now (its time, not followed if it were a link). */
export async function markBundleUsed(dir: string, now = new Date()): Promise<void> {
  await fs.lutimes(dir, now, now);
}
