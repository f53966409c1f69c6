import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ImportSource } from '../shared/domain';
import { StudioError, toErrorPayload } from '../shared/errors';
import { formatBytes } from '../shared/format';
import { isInside } from '../core/fs/safe-path';
import { SECURITY_HEADERS } from './csp';

/** Larger than any photo a teacher has; the core refuses anything over 50 megapixels anyway. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
/**
 * All files of one import together (one batch): far more than a class's photos (240 phone photos are
 * about 1 GB), small enough that a runaway or hostile page cannot fill the disk through staging.
 */
export const MAX_BATCH_BYTES = 4_000_000_000;
/** Batches no import claimed (a tab closed mid-upload) are removed after this long. */
const UNCLAIMED_TTL_MS = 60 * 60 * 1000;
const BATCH_ID = /^[0-9a-f-]{36}$/;

/** Splits a dropped file's relative path into safe folder and file names, or throws. */
export function safeRelativeParts(relativePath: string): string[] {
  const parts = relativePath.split(/[/\\]/).filter((p) => p.length > 0 && p !== '.');
  const bad = parts.length === 0 || parts.length > 32 || parts.some((p) => p === '..' || p.includes('\0') || Buffer.byteLength(p) > 255);
  if (bad) {
    throw new StudioError(
      'INVALID_ARGUMENT',
      `The file name "${relativePath.slice(0, 200)}" cannot be used.`,
      'Rename the file or folder and add it again.',
    );
  }
  return parts;
}

function fileTooLarge(name: string): StudioError {
  return new StudioError('IMAGE_TOO_LARGE', `"${name}" is far too large to be a photo.`, 'Pick a smaller photo.');
}

function importTooLarge(maxBatchBytes: number): StudioError {
  return new StudioError(
    'IMPORT_TOO_LARGE',
    `These photos add up to more than ${formatBytes(maxBatchBytes)}, more than the studio takes in one go.`,
    'Add them in smaller groups, for example one class folder at a time.',
  );
}

/** The x-relative-path header as a decoded string; a malformed one is the page's mistake (400), not ours. */
function relativePathHeader(header: string | string[] | undefined): string {
  try {
    return decodeURIComponent(typeof header === 'string' ? header : '');
  } catch {
    throw new StudioError('INVALID_ARGUMENT', 'The name sent with this file could not be read.', 'Reload the page and add the photos again.');
  }
}

/** HTTP status for an upload that failed: 413 when too large, 400 for other bad input, 500 for our bugs. */
function uploadStatus(e: unknown): number {
  if (!(e instanceof StudioError) || e.code === 'INTERNAL') return 500;
  return e.code === 'IMAGE_TOO_LARGE' || e.code === 'IMPORT_TOO_LARGE' ? 413 : 400;
}

/**
 * Browser pages cannot tell the core where a dropped file lives, so each file is uploaded into
 * `<dataDir>/staging/<batch>/<n>/<relative path>` and handed to the import as a path. Batches are
 * removed when their import job ends, and at startup.
 */
export class Staging {
  private seq = 0;
  private readonly batchByJob = new Map<string, Set<string>>();
  /** Bytes received so far per batch, counted as they arrive so parallel uploads cannot pass the cap. */
  private readonly batchBytes = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly root: string,
    private readonly limits: { maxFileBytes: number; maxBatchBytes: number } = { maxFileBytes: MAX_UPLOAD_BYTES, maxBatchBytes: MAX_BATCH_BYTES },
  ) {
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
    const { maxFileBytes, maxBatchBytes } = this.limits;
    let target: string | null = null;
    let received = 0;
    try {
      if (!BATCH_ID.test(batch)) throw new StudioError('INVALID_ARGUMENT', 'Bad upload.', 'Reload the page and try again.');
      const parts = safeRelativeParts(relativePathHeader(req.headers['x-relative-path']));
      const name = parts.at(-1) ?? '';
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > maxFileBytes) throw fileTooLarge(name);
      if ((this.batchBytes.get(batch) ?? 0) + declared > maxBatchBytes) throw importTooLarge(maxBatchBytes);
      // A folder per file keeps two "IMG_0001.jpg" from different folders apart.
      target = path.join(this.root, batch, String(++this.seq), ...parts);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const count = new Transform({
        transform: (chunk: Buffer, _enc, cb) => {
          received += chunk.length;
          const total = (this.batchBytes.get(batch) ?? 0) + chunk.length;
          this.batchBytes.set(batch, total);
          if (received > maxFileBytes) cb(fileTooLarge(name));
          else if (total > maxBatchBytes) cb(importTooLarge(maxBatchBytes));
          else cb(null, chunk);
        },
      });
      await pipeline(req, count, fs.createWriteStream(target, { flags: 'wx' }));
      const source: ImportSource = { path: target, relativePath: parts.join('/') };
      reply(200, source);
    } catch (e) {
      // A refused file's bytes no longer count against its batch: it is deleted.
      if (received > 0) this.batchBytes.set(batch, Math.max(0, (this.batchBytes.get(batch) ?? 0) - received));
      if (target) await fs.promises.rm(target, { force: true }).catch(() => undefined);
      reply(uploadStatus(e), { error: toErrorPayload(e) });
    }
  }

  /** The staging batches an import's sources come from (none for paths elsewhere). */
  batchesOf(sources: ImportSource[]): Set<string> {
    const out = new Set<string>();
    for (const s of sources) {
      if (isInside(this.root, s.path)) out.add(path.relative(this.root, path.resolve(s.path)).split(path.sep)[0]);
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
      if (!BATCH_ID.test(b)) continue;
      this.batchBytes.delete(b);
      await fs.promises.rm(path.join(this.root, b), { recursive: true, force: true });
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
