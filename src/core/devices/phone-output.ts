/** Reading what phone commands print: df, sha256sum/md5sum. Pure functions, tested on real phone output. */

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

function sizeToBytes(value: string, blockBytes: number): number | null {
  const m = /^(\d+(?:\.\d+)?)([KMGT]?)$/i.exec(value.trim());
  if (!m) return null;
  const unit = m[2].toUpperCase();
  // Plain numbers count blocks; numbers with a unit are already sizes (old Android's "12.5G").
  return Math.floor(Number(m[1]) * (unit === '' ? blockBytes : UNITS[unit]));
}

/**
 * Free bytes from `df -k <path>` (toybox: "Filesystem 1K-blocks Used Available Use% Mounted on"),
 * or from old Android's "Filesystem Size Used Free Blksize". Null when the output is not understood.
 */
export function parseDfFreeBytes(output: string): number | null {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const headerAt = lines.findIndex((l) => /\b(Available|Avail|Free)\b/.test(l));
  if (headerAt < 0 || headerAt === lines.length - 1) return null;
  const header = lines[headerAt].replace('Mounted on', 'Mounted_on').split(/\s+/);
  const col = header.findIndex((h) => /^(Available|Avail|Free)$/.test(h));
  const blockBytes = /1K-blocks/.test(lines[headerAt]) ? 1024 : /512B?-blocks/.test(lines[headerAt]) ? 512 : 1024;
  const row = lines[lines.length - 1].split(/\s+/);
  // A long filesystem name can push the numbers onto their own line: align from the right.
  const offset = row.length - header.length;
  const value = row[col + offset];
  return value === undefined ? null : sizeToBytes(value, blockBytes);
}

/** "hash  path" lines from sha256sum/md5sum, keyed by path. */
export function parseHashLines(output: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of output.split('\n')) {
    const m = /^([0-9a-f]{32}|[0-9a-f]{64})\s+\*?(.+)$/.exec(line.trim());
    if (m) out.set(m[2], m[1]);
  }
  return out;
}

/** The shell's "command not found", in mksh's, toybox's and bash's wordings. */
export function isCommandMissing(output: string, status: number | null): boolean {
  return status === 127 || /not found|inaccessible or not found|No such tool|applet not found/i.test(output);
}

/** Splits shell words into command lines no longer than `maxChars` (old adbd limits a service name to ~1 KB). */
export function batchByLength(words: string[], maxChars: number): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const w of words) {
    if (current.length > 0 && length + w.length + 1 > maxChars) {
      batches.push(current);
      current = [];
      length = 0;
    }
    current.push(w);
    length += w.length + 1;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
