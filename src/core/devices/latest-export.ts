/**
 * Finds what a push sends when no export folder is given: the deck's newest export.
 *
 * STOPGAP until the export work (src/core/export) lands with its own record of exports: this looks
 * in the project's `exports/` folder for `<time>-<deck>` folders (the layout in ARCHITECTURE.md)
 * and takes the newest. Replace its body with the export area's lookup when that exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../shared/errors';
import { deckFolderName } from './push-plan';

export function findLatestExportDir(exportsDir: string, deckName: string): string {
  const suffix = `-${deckFolderName(deckName)}`.toLowerCase();
  const candidates = fs.existsSync(exportsDir)
    ? fs
        .readdirSync(exportsDir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && (e.name.toLowerCase().endsWith(suffix) || e.name.toLowerCase().endsWith(`-${deckName.toLowerCase()}`)))
        .map((e) => path.join(exportsDir, e.name))
    : [];
  if (candidates.length === 0) {
    throw new StudioError(
      'FILE_NOT_FOUND',
      `The deck "${deckName}" has not been exported yet, so there is nothing to send.`,
      'Export the deck first, then send it to the phones.',
    );
  }
  // Folder names start with the export time, so the newest sorts last; mtime breaks ties.
  return candidates.sort((a, b) => a.localeCompare(b) || fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs).at(-1)!;
}
