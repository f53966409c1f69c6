/** Shared bits of the deploy tests: a fake export folder and waiting for a job's end. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { StudioErrorPayload } from '../../shared/errors';
import type { StudioCore } from '../../core/index';

/** Deterministic bytes, different for each (name, version), so "which export is this" is checkable. */
function bytesFor(name: string, version: number, size: number): Buffer {
  const out = Buffer.alloc(size);
  let block = Buffer.alloc(0);
  for (let at = 0, i = 0; at < size; at += block.length, i++) {
    block = createHash('sha256').update(`${name}:${version}:${i}`).digest();
    block.copy(out, at);
  }
  return out;
}

/**
 * An export-shaped folder: a model of `modelBytes`, labels, words, and a file in a subfolder.
 * Returns the folder and its files (relative path -> bytes).
 */
export function makeExport(dir: string, version: number, modelBytes = 200_000): { dir: string; files: Map<string, Buffer> } {
  fs.rmSync(dir, { recursive: true, force: true });
  const files = new Map<string, Buffer>([
    ['model.tflite', bytesFor('model', version, modelBytes)],
    ['labels.txt', Buffer.from(`apple\nbanana\norange\n# v${version}\n`)],
    ['words.json', Buffer.from(JSON.stringify({ version, words: { apple: { fr: 'pomme' }, orange: { fr: 'orange' } } }))],
    ['tfjs/model.json', Buffer.from(JSON.stringify({ format: 'layers-model', version }))],
  ]);
  for (const [rel, data] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), data);
  }
  return { dir, files };
}

export type JobEnd = { ok: true; result: unknown } | { ok: false; error: StudioErrorPayload };

export function waitForJob(core: StudioCore, jobId: string): Promise<JobEnd> {
  return new Promise((resolve) => {
    const offOk = core.events.on('job.finished', (e) => {
      if (e.jobId !== jobId) return;
      offOk();
      offFail();
      resolve({ ok: true, result: e.result });
    });
    const offFail = core.events.on('job.failed', (e) => {
      if (e.jobId !== jobId) return;
      offOk();
      offFail();
      resolve({ ok: false, error: e.error });
    });
  });
}
