/** Helpers for tests of the store and import (real folders in the OS temp dir, real SQLite). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportReport } from '../shared/domain';
import { createStudioCore, type StudioCore } from '../core/index';
import { SHARED } from './fruits';

export { FRUITS, SHARED } from './fruits';
export const FIXTURES = path.join(SHARED, 'fixtures/images');

export function tempDir(prefix = 'magritte-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestCore {
  core: StudioCore;
  tmp: string;
  dispose(): Promise<void>;
}

/**
 * A core with its own data and projects folders, and (optionally) a fresh project open. Decks are
 * not prepared for training in the background unless `prepareFeatures` says so: most tests count
 * or time the feature work they start themselves.
 */
export async function testCore(opts: { project?: boolean; languages?: string[]; prepareFeatures?: boolean } = {}): Promise<TestCore> {
  const tmp = tempDir();
  const core = createStudioCore({
    dataDir: path.join(tmp, 'data'),
    projectsDir: path.join(tmp, 'projects'),
    prepareFeatures: opts.prepareFeatures ?? false,
  });
  if (opts.project !== false) await core.api.createProject({ name: 'Test', languages: opts.languages ?? ['en', 'fr', 'es'] });
  return {
    core,
    tmp,
    dispose: async () => {
      await core.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Waits for a job to end: its result, or a rejection carrying the error payload's code. */
export function waitForJob<T = unknown>(core: StudioCore, jobId: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const offOk = core.events.on('job.finished', (e) => {
      if (e.jobId !== jobId) return;
      offOk();
      offFail();
      resolve(e.result as T);
    });
    const offFail = core.events.on('job.failed', (e) => {
      if (e.jobId !== jobId) return;
      offOk();
      offFail();
      reject(Object.assign(new Error(`${e.error.code}: ${e.error.message}`), { code: e.error.code, cancelled: e.cancelled, payload: e.error }));
    });
  });
}

/** Starts an import and waits for its report. */
export async function runImport(core: StudioCore, req: Parameters<StudioCore['api']['startImport']>[0]): Promise<ImportReport> {
  const { jobId } = await core.api.startImport(req);
  return waitForJob<ImportReport>(core, jobId);
}
