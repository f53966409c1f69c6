/** The push_history table (migration 004): what went to which phone, and how it ended. */
import type { PushHistoryEntry, PushResult } from '../../shared/api/devices';
import type { StudioErrorCode } from '../../shared/errors';
import type { Db } from '../store/open-database';

interface Row {
  id: number;
  deck_id: number | null;
  deck_name: string;
  serial: string;
  model: string | null;
  destination: string;
  export_dir: string;
  files: number;
  bytes: number;
  ok: number;
  error_code: string | null;
  error_message: string | null;
  started_at: string;
  finished_at: string;
}

export function recordPush(db: Db, result: PushResult, startedAt: string): void {
  const insert = db.prepare(`
    INSERT INTO push_history (deck_id, deck_name, serial, model, destination, export_dir, files, bytes, ok,
                              error_code, error_message, started_at, finished_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const finishedAt = new Date().toISOString();
  db.transaction(() => {
    for (const p of result.phones) {
      insert.run(
        result.deckId,
        result.deckName,
        p.serial,
        p.model,
        p.destination,
        result.exportDir,
        p.files,
        p.bytes,
        p.ok ? 1 : 0,
        p.error?.code ?? null,
        p.error?.message ?? null,
        startedAt,
        finishedAt,
      );
    }
  })();
}

export function listPushHistory(db: Db, deckId?: number, limit = 100): PushHistoryEntry[] {
  const where = deckId === undefined ? '' : 'WHERE deck_id = ?';
  const args = deckId === undefined ? [limit] : [deckId, limit];
  const rows = db.prepare(`SELECT * FROM push_history ${where} ORDER BY id DESC LIMIT ?`).all(...args) as Row[];
  return rows.map((r) => ({
    id: r.id,
    deckId: r.deck_id,
    deckName: r.deck_name,
    serial: r.serial,
    model: r.model,
    destination: r.destination,
    exportDir: r.export_dir,
    files: r.files,
    bytes: r.bytes,
    ok: r.ok === 1,
    errorCode: r.error_code as StudioErrorCode | null,
    errorMessage: r.error_message,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  }));
}
