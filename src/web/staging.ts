import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ImportSource } from '../shared/domain';
import { StudioError, toErrorPayload } from '../shared/errors';
import { SECURITY_HEADERS } from './csp';

/** Larger than any photo a teacher has; the core refuses anything over 50 megapixels anyway. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
/** Batches no import claimed (a tab closed mid-upload) are removed after this long. */
const UNCLAIMED_TTL_MS = 60 * 60 * 1000;
const BATCH_ID = /^[0-9a-f-]{36}$/;

/** Splits a dropped file's relative path into safe folder and file names, or throws. */
export function safeRelativeParts(relativePath: string): string[] {
  const parts = relativePath.split(/[/\\]/).filter((p) => p.length > 0 && p !== '.');
  const bad = parts.length === 0 || parts.length > 32 || parts.some((p) => p === '..' || p.includes('\0') || Buffer.byteLength(p) > 255);
  if (bad) {
    throw new StudioError('INVALID_ARGUMENT', `The file name "${relativePath.slice(0, 200)}" cannot be used.`, 'Rename the file or folder and add it again.');
  }
  return parts;
}

function sizeLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (seen > max) cb(new StudioError('IMAGE_TOO_LARGE', 'This file is far too large to be a photo.', 'Pick a smaller photo.'));
      else cb(null, chunk);
    },
  });
}

/**
 * Browser pages cannot tell the core where a dropped file lives, so each file is uploaded into
 * `<dataDir>/staging/<batch>/<n>/<relative path>` and handed to the import as a path. Batches are
 * removed when their import job ends, and at startup.
 */
export class Staging {
  private seq = 0;
  private readonly batchByJob = new Map<string, Set<string>>();
  private readonly timer: NodeJS.Timeout;

  constructor(readonly root: string) {
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(root, { recursive: true });
    this.timer = setInterval(() => void this.sweepUnclaimed(), 10 * 60 * 1000);
    this.timer.unref();
  }

  async handleUpload(req: IncomingMessage, res: ServerResponse, batch: string): Promise<void> {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    let target: string | null = null;
    try {
      if (!BATCH_ID.test(batch)) throw new StudioError('INVALID_ARGUMENT', 'Bad upload.', 'Reload the page and try again.');
      const header = req.headers['x-relative-path'];
      const relativePath = decodeURIComponent(typeof header === 'string' ? header : '');
      const parts = safeRelativeParts(relativePath);
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > MAX_UPLOAD_BYTES) throw new StudioError('IMAGE_TOO_LARGE', `"${parts.at(-1)}" is far too large to be a photo.`, 'Pick a smaller photo.');
      // A folder per file keeps two "IMG_0001.jpg" from different folders apart.
      target = path.join(this.root, batch, String(++this.seq), ...parts);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await pipeline(req, sizeLimit(MAX_UPLOAD_BYTES), fs.createWriteStream(target));
      const source: ImportSource = { path: target, relativePath: parts.join('/') };
      reply(200, source);
    } catch (e) {
      if (target) await fs.promises.rm(target, { force: true }).catch(() => undefined);
      reply(e instanceof StudioError && e.code !== 'INTERNAL' ? 400 : 500, { error: toErrorPayload(e) });
    }
  }

  /** The staging batches an import's sources come from (none for paths elsewhere). */
  batchesOf(sources: ImportSource[]): Set<string> {
    const out = new Set<string>();
    for (const s of sources) {
      const rel = path.relative(this.root, path.resolve(s.path));
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) out.add(rel.split(path.sep)[0]);
    }
    return out;
  }

  /** Remembers which batches a running job reads, to delete them when it ends. */
  claim(jobId: string, batches: Set<string>): void {
    if (batches.size > 0) this.batchByJob.set(jobId, batches);
  }

  async release(jobId: string): Promise<void> {
    const batches = this.batchByJob.get(jobId);
    if (!batches) return;
    this.batchByJob.delete(jobId);
    await this.remove(batches);
  }

  /** The page gave up on a batch before importing it (cancelled, or an upload failed). */
  async discard(batch: string): Promise<void> {
    const claimed = [...this.batchByJob.values()].some((s) => s.has(batch));
    if (!claimed) await this.remove([batch]);
  }

  async remove(batches: Iterable<string>): Promise<void> {
    for (const b of batches) {
      if (BATCH_ID.test(b)) await fs.promises.rm(path.join(this.root, b), { recursive: true, force: true });
    }
  }

  private async sweepUnclaimed(): Promise<void> {
    const claimed = new Set([...this.batchByJob.values()].flatMap((s) => [...s]));
    const names = await fs.promises.readdir(this.root).catch(() => [] as string[]);
    for (const name of names) {
      if (claimed.has(name)) continue;
      const stat = await fs.promises.stat(path.join(this.root, name)).catch(() => null);
      if (stat && Date.now() - stat.mtimeMs > UNCLAIMED_TTL_MS) await this.remove([name]);
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}
