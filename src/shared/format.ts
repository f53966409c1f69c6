/**
 * Sizes, times and counts the way a teacher reads them: the one place for each, used by the UI,
 * the CLI and core messages alike, so the same file never reads "1.9 MB" on one screen and "2 MB"
 * on another.
 */

const KB = 1024;
const MB = KB * 1024;
const GB = MB * 1024;

/** One decimal below 10 of a unit: "1.9 MB", "16 MB". */
function inUnit(bytes: number, unit: number): string {
  const n = bytes / unit;
  return n < 10 ? n.toFixed(1) : String(Math.round(n));
}

/** 1024-based, as file managers count: "12 bytes", "342 KB", "1.9 MB", "16 MB", "3.7 GB". */
export function formatBytes(bytes: number): string {
  if (bytes < KB) return `${bytes} bytes`;
  if (bytes < MB) return `${Math.round(bytes / KB)} KB`;
  if (bytes < GB) return `${inUnit(bytes, MB)} MB`;
  return `${inUnit(bytes, GB)} GB`;
}

/** Download progress: "1.2 of 3.4 MB" (both in the unit of the total). */
export function formatBytesOf(done: number, total: number): string {
  const whole = formatBytes(total);
  const unit = ({ KB, MB, GB } as Record<string, number>)[whole.split(' ')[1]];
  return `${unit ? inUnit(done, unit) : done} of ${whole}`;
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "3 May 2024", or "" for a date that cannot be read. Day-month order and English month names, like every other screen text. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getDate()} ${d.toLocaleString('en-GB', { month: 'short' })} ${d.getFullYear()}`;
}

/** "just now", "5 minutes ago", "today at 14:05", "yesterday at 09:15", "3 May at 14:05", "3 May 2024 at 14:05"; "" when unreadable. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  const seconds = Math.round((now.getTime() - t.getTime()) / 1000);
  if (seconds >= 0 && seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes >= 0 && minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const time = `${twoDigits(t.getHours())}:${twoDigits(t.getMinutes())}`;
  if (sameDay(t, now)) return `today at ${time}`;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(t, yesterday)) return `yesterday at ${time}`;
  const date = formatDate(iso);
  return `${t.getFullYear() === now.getFullYear() ? date.slice(0, date.lastIndexOf(' ')) : date} at ${time}`;
}

/** "almost done", "about 13 seconds left", "about 2 minutes left"; null while it cannot be judged. */
export function formatTimeLeft(ms: number | null): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  const s = Math.ceil(ms / 1000);
  if (s <= 2) return 'almost done';
  if (s < 60) return `about ${s} seconds left`;
  return `about ${plural(Math.round(s / 60), 'minute')} left`;
}

/** "1 file" / "3 files". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
