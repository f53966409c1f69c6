/**
 * Which model version a deck uses, which one its latest export and each phone hold, and what
 * changed in the deck since. The one place that decides "stale": every screen and "Update phones"
 * ask here.
 */
import type { DeckChanges, DeckStatus, ExportStatus, ModelStatus, PhoneDeckStatus } from '../../shared/api/deploy';
import { listExports } from '../export/export-history';
import { listModelVersions } from '../ml/versions/model-versions-repo';
import { getDeck } from '../store/decks-repo';
import type { Db } from '../store/open-database';
import { diffSnapshots, exportOnly, modelAffected } from './deck-snapshot';
import { currentSnapshot, readRevision } from './revisions-repo';

const revisionOfVersion = (db: Db, versionId: number) =>
  (db.prepare('SELECT revision_id FROM model_versions WHERE id = ?').get(versionId) as { revision_id: number | null } | undefined)?.revision_id ??
  null;

const revisionOfExport = (db: Db, exportId: number, deckId: number) =>
  (
    db.prepare('SELECT revision_id FROM export_decks WHERE export_id = ? AND deck_id = ?').get(exportId, deckId) as
      { revision_id: number | null } | undefined
  )?.revision_id ?? null;

export function deckStatus(db: Db, deckId: number): DeckStatus {
  const deck = getDeck(db, deckId);
  const now = currentSnapshot(db, deckId);
  const since = (revisionId: number | null): DeckChanges | null => {
    const then = readRevision(db, revisionId);
    return then ? diffSnapshots(then, now) : null;
  };

  const newest = listModelVersions(db, deckId)[0];
  let model: ModelStatus | null = null;
  if (newest) {
    const changes = since(revisionOfVersion(db, newest.id));
    model = {
      versionId: newest.id,
      number: newest.number,
      createdAt: newest.createdAt,
      changes,
      upToDate: changes !== null && !modelAffected(changes),
    };
  }

  const exports = listExports(db, deckId);
  const latest = exports.find((e) => e.exists);
  let exported: ExportStatus | null = null;
  if (latest) {
    const d = latest.decks.find((x) => x.deckId === deckId)!;
    // Photos: against what the exported version was trained on. Words and which one is the
    // background: against the export itself (they are written into it).
    const photos = since(revisionOfVersion(db, d.versionId));
    const words = since(revisionOfExport(db, latest.id, deckId));
    const changes =
      photos && words
        ? { ...photos, wordsChanged: words.wordsChanged, backgroundMarked: words.backgroundMarked, backgroundUnmarked: words.backgroundUnmarked }
        : null;
    const newerVersion = newest !== undefined && newest.id !== d.versionId;
    exported = {
      exportId: latest.id,
      createdAt: latest.createdAt,
      folder: latest.folder,
      versionId: d.versionId,
      versionNumber: d.versionNumber,
      newerVersion,
      changes,
      upToDate: !newerVersion && changes !== null && !modelAffected(changes) && !exportOnly(changes),
    };
  }

  const versionOfFolder = new Map(exports.map((e) => [e.folder, e.decks.find((x) => x.deckId === deckId)?.versionNumber ?? null]));
  const rows = db
    .prepare('SELECT serial, model, export_dir, finished_at FROM push_history WHERE deck_id = ? AND ok = 1 ORDER BY id DESC')
    .all(deckId) as { serial: string; model: string | null; export_dir: string; finished_at: string }[];
  const phones: PhoneDeckStatus[] = [];
  for (const r of rows) {
    if (phones.some((p) => p.serial === r.serial)) continue;
    phones.push({
      serial: r.serial,
      model: r.model,
      sentAt: r.finished_at,
      versionNumber: versionOfFolder.get(r.export_dir) ?? null,
      upToDate: exported !== null && exported.upToDate && r.export_dir === exported.folder,
    });
  }

  const train = model === null || !model.upToDate;
  return { deckId, deckName: deck.name, model, export: exported, phones, needs: { train, export: train || exported === null || !exported.upToDate } };
}
