/**
 * Refusals of an import that are about the folder rather than one photo. Shared so the core that
 * reports them, the window and the CLI that show them use one code and one wording.
 */

/** A file or folder in the chosen folder that is a link leading outside it: skipped, never followed. */
export const LINK_OUTSIDE = 'LINK_OUTSIDE';

/** "3 files skipped: links pointing outside the folder". */
export function linksSkippedText(count: number): string {
  return `${count} ${count === 1 ? 'file' : 'files'} skipped: ${count === 1 ? 'a link pointing' : 'links pointing'} outside the folder`;
}
