import fs from 'node:fs/promises';
import type { ImportReport, ImportSource, PhotoSource } from '../../shared/domain';
import { StudioError, isStudioError } from '../../shared/errors';
import { formatBytes } from '../../shared/format';
import type { EventBus } from '../event-bus';
import type { JobContext } from '../jobs/job-runner';
import { createClass, findClassByKey, getClass } from '../store/classes-repo';
import { getDeck } from '../store/decks-repo';
import { fileExists, fileHoldsBytes, writeFileDurably } from '../store/durable-file';
import { forgetUnreadable, unreadableAmong } from '../ml/features/unreadable-photos';
import { blobPath, thumbPath } from '../store/paths';
import { findPhotoInDeck, insertPhoto } from '../store/photos-repo';
import type { ProjectStore } from '../store/project-store';
import type { ImportItem } from './import-sources';
import { expandSources } from './import-sources';
import { checkImageType, preparePhoto, sha256Of } from './prepare-photo';
import { InOrder } from './in-order';

export interface ImportRequest {
  deckId: number;
  classId?: number;
  sources: ImportSource[];
  /** Where the photos come from: frames shot with the studio's camera, or files (the default). */
  source?: PhotoSource;
}

/** Files in flight at once: sharp decodes on libuv's pool, so 3 keeps two cores busy while one file waits on disk. */
const CONCURRENCY = 3;
/** Bigger files than this are not photos a teacher means to import (and would waste memory). */
const MAX_FILE_BYTES = 200 * 1024 * 1024;
const CHANGED_EVERY_MS = 1000;

const NO_CLASS = new StudioError(
  'INVALID_ARGUMENT',
  'This photo was not dropped onto a class, and no folder names its class.',
  'Drop it onto a class, or put it in a folder named after the class (for example "apple").',
);

/**
 * The body of an 'import' job: every file is checked, fully decoded and stored (original bytes
 * content-addressed, plus a thumbnail) before its row is written, so a crash never leaves a row
 * without its file. Cancelling stops between files and still returns what was done.
 */
export async function importPhotos(store: ProjectStore, events: EventBus, job: JobContext, req: ImportRequest): Promise<ImportReport> {
  const { db, dir } = store;
  const deck = getDeck(db, req.deckId);
  if (req.classId !== undefined && getClass(db, req.classId).deckId !== deck.id) {
    throw new StudioError('CLASS_NOT_FOUND', 'That class is not in this deck.', 'Refresh the deck and drop the photos again.');
  }
  const report: ImportReport = { imported: 0, duplicates: 0, refused: [], classesCreated: [], cancelled: false, photoIds: [] };
  const { items, refused } = await expandSources(req.sources);
  report.refused.push(...refused);

  const total = items.length + refused.length;
  let done = refused.length;
  const inFlight = new Set<string>();
  const order = new InOrder();
  let lastChanged = Date.now();

  const classFor = (item: ImportItem): number => {
    if (req.classId !== undefined) return req.classId;
    if (!item.classKey) throw NO_CLASS;
    const existing = findClassByKey(db, deck.id, item.classKey);
    if (existing) return existing.id;
    // Created only once a photo is accepted, so a folder of refused files leaves no empty class.
    const created = createClass(db, deck.id, item.classKey);
    report.classesCreated.push(created.key);
    return created.id;
  };

  const importOne = async (item: ImportItem, index: number): Promise<void> => {
    const stat = await fs.stat(item.path);
    if (stat.size > MAX_FILE_BYTES) {
      throw new StudioError(
        'IMAGE_TOO_LARGE',
        `This file is too big (${formatBytes(stat.size)}).`,
        `Import photos under ${formatBytes(MAX_FILE_BYTES)}.`,
      );
    }
    const data = await fs.readFile(item.path);
    // "Not a picture" is the truer reason for a stray README, so the type is judged first.
    checkImageType(data);
    if (req.classId === undefined && !item.classKey) throw NO_CLASS;
    const sha = sha256Of(data);
    if (inFlight.has(sha) || findPhotoInDeck(db, deck.id, sha)?.deleted === false) {
      report.duplicates++;
      return;
    }
    inFlight.add(sha);
    try {
      const photo = await preparePhoto(data, sha);
      const blob = blobPath(dir, sha);
      // Blobs are shared between decks: an existing file of the right size holds these bytes. One
      // cut short, or one a training could not decode, is written again from these (they decode).
      if (!(await fileHoldsBytes(blob, data.length)) || unreadableAmong(db, [sha]).size > 0) {
        await writeFileDurably(store.dir, blob, data);
        forgetUnreadable(db, sha);
      }
      const thumb = thumbPath(dir, sha);
      if (!(await fileExists(thumb))) await writeFileDurably(store.dir, thumb, photo.thumbnail);
      job.throwIfCancelled();
      await order.turn(index);
      // Checked again here: another import into this deck may have added it meanwhile, and
      // this check and the insert below run without yielding, so they cannot interleave.
      if (findPhotoInDeck(db, deck.id, sha)?.deleted === false) {
        report.duplicates++;
        return;
      }
      const id = insertPhoto(db, {
        deckId: deck.id,
        classId: classFor(item),
        sha256: sha,
        bytes: photo.bytes,
        width: photo.width,
        height: photo.height,
        source: req.source ?? 'import',
        originalName: item.display.split('/').pop() ?? item.display,
      });
      report.imported++;
      report.photoIds.push(id);
    } finally {
      inFlight.delete(sha);
    }
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !job.signal.aborted && store.isOpen) {
      const index = next++;
      const item = items[index];
      try {
        await importOne(item, index);
      } catch (e) {
        if (job.signal.aborted && isStudioError(e) && e.code === 'JOB_CANCELLED') break;
        if (!store.isOpen) break;
        report.refused.push(refusal(item, e));
      } finally {
        order.done(index);
      }
      done++;
      job.progress(done, total, `${report.imported} imported, ${report.duplicates} already there, ${report.refused.length} refused`);
      if (Date.now() - lastChanged >= CHANGED_EVERY_MS && report.imported > 0) {
        lastChanged = Date.now();
        events.emit('photos.changed', { deckId: deck.id });
      }
    }
  };
  events.emit('import.started', { deckId: deck.id });
  job.progress(done, total, 'Starting');
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  report.cancelled = job.signal.aborted || !store.isOpen;
  if (report.imported > 0 || report.classesCreated.length > 0) events.emit('photos.changed', { deckId: deck.id });
  events.emit('import.finished', { deckId: deck.id, imported: report.imported });
  return report;
}

function refusal(item: ImportItem, e: unknown): { file: string; code: string; reason: string } {
  if (isStudioError(e)) return { file: item.display, code: e.code, reason: `${e.message} ${e.fix}` };
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { file: item.display, code: 'FILE_NOT_FOUND', reason: 'The file disappeared before it could be read.' };
  if (code === 'EACCES' || code === 'EPERM')
    return { file: item.display, code: 'FILE_NOT_FOUND', reason: 'The studio is not allowed to read this file.' };
  if (code === 'EISDIR') return { file: item.display, code: 'IMAGE_UNSUPPORTED', reason: 'This is a folder, not a photo.' };
  return { file: item.display, code: 'INTERNAL', reason: `The file could not be imported: ${e instanceof Error ? e.message : String(e)}` };
}
