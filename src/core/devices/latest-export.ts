/**
 * What a push sends when no export folder is given: the deck's newest export that is still on
 * disk, as recorded by the export work (src/core/export/export-history.ts).
 */
import { StudioError } from '../../shared/errors';
import { listExports } from '../export/export-history';
import type { Db } from '../store/open-database';

export function findLatestExportDir(db: Db, deckId: number, deckName: string): string {
  const latest = listExports(db, deckId).find((e) => e.exists);
  if (!latest) {
    throw new StudioError(
      'FILE_NOT_FOUND',
      `The deck "${deckName}" has not been exported yet (or its export folder was moved), so there is nothing to send.`,
      'Export the deck first, then send it to the phones.',
    );
  }
  return latest.folder;
}
