import { BACKGROUND_NAME } from '../../../shared/background';

/** What the line under the big live word needs to know. */
export interface ConfidenceOf {
  waiting: boolean;
  /** The deck's "Nothing I know" is what is shown. */
  quiet: boolean;
  /** The shown answer's figure (0..1), or null while it is about to change. */
  figure: number | null;
}

/**
 * The line under the big live word. While the answer shown is about to change it carries no
 * figure: the answer is the old one, the figures already the new reading's ("Changing" says so).
 */
export function confidenceLine({ waiting, quiet, figure }: ConfidenceOf): string {
  if (waiting) return 'Looking…';
  const percent = figure === null ? null : `${Math.round(figure * 100)}% sure`;
  if (quiet) return percent === null ? `${BACKGROUND_NAME}: it stays quiet` : `${BACKGROUND_NAME}: it stays quiet (${percent})`;
  // A non-breaking space keeps the line's height, so the bars below do not jump.
  return percent ?? '\u00a0';
}
