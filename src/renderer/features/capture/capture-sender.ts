import type { ImportReport } from '../../../shared/domain';
import type { Studio } from '../../api/studio';

export interface CaptureTotals {
  /** Frames shot. */
  taken: number;
  /** New photos in the class. */
  added: number;
  /** Frames identical to a photo already there (a still scene), dropped by the import. */
  duplicates: number;
  /** Frames still on their way. */
  pending: number;
}

/** How often shot frames are sent in one import: photos appear in the grid as they arrive. */
export const BATCH_MS = 500;

/**
 * Sends shot frames into a class through the same pipeline as dropped photos (stage the files,
 * then the core's import job: content-addressed, thumbnails, duplicates dropped), in batches every
 * half second, one batch at a time so a slow disk never piles up imports. No React in here.
 */
export class CaptureSender {
  private queue: { blob: Blob; name: string }[] = [];
  private sending = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private seq = 0;
  private totals: CaptureTotals = { taken: 0, added: 0, duplicates: 0, pending: 0 };

  constructor(
    private readonly studio: Studio,
    private readonly deckId: number,
    private classId: number,
    private readonly onTotals: (t: CaptureTotals) => void,
    private readonly onError: (e: unknown) => void,
  ) {}

  /** Frames shot from now on go to this class (what is queued goes where it was shot for). */
  async setClass(classId: number): Promise<void> {
    if (classId === this.classId) return;
    await this.flush();
    this.classId = classId;
  }

  add(blob: Blob): void {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    this.queue.push({ blob, name: `camera-${stamp}-${String(++this.seq).padStart(4, '0')}.jpg` });
    this.update({ taken: this.totals.taken + 1 });
    this.timer ??= setInterval(() => void this.flush(), BATCH_MS);
  }

  /** Sends what is queued now; resolves when everything queued so far is imported. */
  async flush(): Promise<void> {
    while (this.sending) await new Promise((r) => setTimeout(r, 50));
    const batch = this.queue.splice(0);
    if (batch.length === 0) {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      return;
    }
    this.sending = true;
    const { client, transport, jobs } = this.studio;
    try {
      const files = batch.map(({ blob, name }) => ({ file: new File([blob], name, { type: 'image/jpeg' }), relativePath: name }));
      const sources = await transport.stageFiles(files);
      const { jobId } = await client.startImport({ deckId: this.deckId, classId: this.classId, sources, source: 'camera' });
      const end = await jobs.wait(jobId);
      if (end.state === 'finished') {
        const r = end.result as ImportReport;
        this.update({ added: this.totals.added + r.imported, duplicates: this.totals.duplicates + r.duplicates });
      } else if (end.state === 'failed') {
        this.onError(end.error);
      }
    } catch (e) {
      this.onError(e);
    } finally {
      this.sending = false;
      this.update({});
    }
  }

  /** Sends what is left, then stops. */
  async close(): Promise<void> {
    await this.flush();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private update(patch: Partial<CaptureTotals>): void {
    this.totals = { ...this.totals, ...patch, pending: this.queue.length };
    this.onTotals(this.totals);
  }
}
