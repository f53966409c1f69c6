/**
 * Per-phone progress of one push, folded from `devices.pushProgress` events, and the words shown
 * for each phone while it runs and when it ends.
 */
import type { PhonePushOutcome, PushPhoneProgress, PushResult } from '../../../shared/api/devices';
import type { StudioErrorPayload } from '../../../shared/errors';
import { formatBytes, plural } from '../../../shared/format';

export type PhonesProgress = Record<string, PushPhoneProgress>;

export function foldProgress(state: PhonesProgress, event: PushPhoneProgress): PhonesProgress {
  return { ...state, [event.serial]: event };
}

/** 0..100 for one phone: bytes sent, with checking and placing as the last steps. */
export function percent(p: PushPhoneProgress): number {
  if (p.phase === 'done') return 100;
  if (p.bytesTotal <= 0) return 0;
  return Math.min(99, Math.round((100 * p.bytesDone) / p.bytesTotal));
}

/** What one phone is doing now, in words. */
export function phaseText(p: PushPhoneProgress): string {
  const which = p.fileCount > 0 ? ` (${Math.min(p.fileIndex + 1, p.fileCount)} of ${p.fileCount})` : '';
  switch (p.phase) {
    case 'preparing':
      return 'Getting the phone ready…';
    case 'sending':
      return p.file ? `Sending ${p.file}${which}` : 'Sending…';
    case 'verifying':
      // The phone checks every file in one command, so there is no file to name here.
      return 'Checking the files on the phone…';
    case 'placing':
      return 'Putting the files in place…';
    case 'done':
      return 'Sent and checked';
    case 'failed':
      return p.error?.message ?? 'Sending failed';
  }
}

/** The outcome of one phone in words: what arrived where, or what went wrong and what to do. */
export function outcomeText(o: PhonePushOutcome, name: string): { title: string; detail: string } {
  if (o.ok) {
    const how = o.verifiedWith ? `, each checked byte for byte (${o.verifiedWith === 'sha256' ? 'SHA-256' : 'MD5'})` : '';
    return { title: `${name} has the deck`, detail: `${plural(o.files, 'file')}, ${formatBytes(o.bytes)}${how}, in ${o.destination}.` };
  }
  return { title: o.error?.message ?? `${name} did not get the deck.`, detail: o.error?.fix ?? 'Try again.' };
}

/** The push result carried by a finished job, or by the error of a job whose every phone failed. */
export function resultOf(result: unknown, error?: StudioErrorPayload): PushResult | null {
  const candidate = (result ?? (error?.details as { result?: unknown } | undefined)?.result) as PushResult | undefined;
  return candidate && Array.isArray(candidate.phones) ? candidate : null;
}
