import { createHash } from 'node:crypto';
import type { DoctorReport } from '../../shared/api/doctor';
import type { Db } from '../store/open-database';
import { listPhotos } from '../store/photos-repo';

/**
 * What a check looked at: every photo of the deck with its word and content. A report whose
 * fingerprint differs from the deck's now is stale (photos added, moved or deleted since).
 */
export function deckFingerprint(photos: readonly { id: number; classId: number; sha256: string }[]): string {
  const hash = createHash('sha256');
  for (const p of [...photos].sort((a, b) => a.id - b.id)) hash.update(`${p.id}:${p.classId}:${p.sha256}\n`);
  return hash.digest('hex');
}

/** The last check of a deck with every finding, kept ones included (tables of migration 007). */
export function saveReport(db: Db, report: DoctorReport): void {
  db.prepare('INSERT OR REPLACE INTO doctor_reports (deck_id, report_json, created_at) VALUES (?, ?, ?)').run(
    report.deckId,
    JSON.stringify(report),
    report.createdAt,
  );
}

function keptKeys(db: Db, deckId: number): Set<string> {
  const rows = db.prepare('SELECT finding_key FROM doctor_kept WHERE deck_id = ?').all(deckId) as { finding_key: string }[];
  return new Set(rows.map((r) => r.finding_key));
}

/** The last check as the teacher sees it: kept findings left out and counted. */
export function readReport(db: Db, deckId: number): DoctorReport | null {
  const row = db.prepare('SELECT report_json FROM doctor_reports WHERE deck_id = ?').get(deckId) as { report_json: string } | undefined;
  if (!row) return null;
  const report = JSON.parse(row.report_json) as DoctorReport;
  const kept = keptKeys(db, deckId);
  const findings = report.findings.filter((f) => !kept.has(f.key));
  const stale = report.fingerprint !== deckFingerprint(listPhotos(db, deckId));
  return { ...report, findings, kept: report.findings.length - findings.length, stale };
}

export function keepFinding(db: Db, deckId: number, key: string): void {
  db.prepare('INSERT OR IGNORE INTO doctor_kept (deck_id, finding_key, created_at) VALUES (?, ?, ?)').run(deckId, key, new Date().toISOString());
}

export function unkeepFinding(db: Db, deckId: number, key: string): void {
  db.prepare('DELETE FROM doctor_kept WHERE deck_id = ? AND finding_key = ?').run(deckId, key);
}
