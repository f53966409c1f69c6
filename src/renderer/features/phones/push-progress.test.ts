import { describe, expect, it } from 'vitest';
import type { PushPhoneProgress } from '../../../shared/api/devices';
import { formatBytes, formatWhen } from '../../../shared/format';
import { foldProgress, outcomeText, percent, phaseText, resultOf } from './push-progress';

const base: PushPhoneProgress = {
  jobId: 'j',
  serial: 'A',
  model: 'Pixel 7',
  phase: 'sending',
  file: 'model.tflite',
  fileIndex: 1,
  fileCount: 4,
  bytesDone: 500,
  bytesTotal: 1000,
};

describe('push progress in words', () => {
  it('keeps the latest event of each phone', () => {
    let s = foldProgress({}, base);
    s = foldProgress(s, { ...base, serial: 'B', bytesDone: 10 });
    s = foldProgress(s, { ...base, bytesDone: 900 });
    expect(Object.keys(s)).toEqual(['A', 'B']);
    expect(percent(s.A)).toBe(90);
  });

  it('reads the sequence a push sends (src/core/devices/phone-push.ts) in order, counting files from one', () => {
    // The events one phone sends for a two-file export, as the core emits them.
    const at = (phase: PushPhoneProgress['phase'], file: string | null, fileIndex: number, bytesDone: number): PushPhoneProgress => ({
      ...base,
      phase,
      file,
      fileIndex,
      fileCount: 2,
      bytesDone,
      bytesTotal: 1000,
    });
    const events = [
      at('preparing', null, 0, 0),
      at('sending', 'model.tflite', 0, 0),
      at('sending', 'model.tflite', 0, 800),
      at('sending', 'labels.txt', 1, 800),
      at('sending', 'labels.txt', 1, 1000),
      at('verifying', null, 2, 1000),
      at('placing', null, 2, 1000),
      at('done', null, 2, 1000),
    ];
    let state: Record<string, PushPhoneProgress> = {};
    const seen: [string, number][] = [];
    for (const e of events) {
      state = foldProgress(state, e);
      seen.push([phaseText(state.A), percent(state.A)]);
    }
    expect(seen).toEqual([
      ['Getting the phone ready…', 0],
      ['Sending model.tflite (1 of 2)', 0],
      ['Sending model.tflite (1 of 2)', 80],
      ['Sending labels.txt (2 of 2)', 80],
      ['Sending labels.txt (2 of 2)', 99],
      ['Checking the files on the phone…', 99],
      ['Putting the files in place…', 99],
      ['Sent and checked', 100],
    ]);
  });

  it('never shows 100% before the phone has checked everything', () => {
    expect(percent({ ...base, bytesDone: 1000, phase: 'verifying' })).toBe(99);
    expect(percent({ ...base, phase: 'done' })).toBe(100);
    expect(percent({ ...base, bytesTotal: 0 })).toBe(0);
  });

  it('describes outcomes, with the fix when a phone failed', () => {
    const ok = outcomeText(
      { serial: 'A', model: null, ok: true, destination: '/sdcard/x', files: 3, bytes: 2_500_000, verifiedWith: 'sha256' },
      'Pixel 7',
    );
    expect(ok).toEqual({ title: 'Pixel 7 has the deck', detail: '3 files, 2.4 MB, each checked byte for byte (SHA-256), in /sdcard/x.' });
    const bad = outcomeText(
      {
        serial: 'B',
        model: null,
        ok: false,
        destination: '/sdcard/x',
        files: 0,
        bytes: 0,
        verifiedWith: null,
        error: { code: 'DEVICE_STORAGE_FULL', message: 'The phone is out of storage space.', fix: 'Free some space.' },
      },
      'Pixel 7',
    );
    expect(bad).toEqual({ title: 'The phone is out of storage space.', detail: 'Free some space.' });
  });

  it('finds the per-phone result in a failed job as well as a finished one', () => {
    const result = { deckId: 1, deckName: 'Fruits', exportDir: '/e', phones: [] };
    expect(resultOf(result)).toEqual(result);
    expect(resultOf(undefined, { code: 'DEVICE_UNAUTHORIZED', message: 'm', fix: 'f', details: { result } })).toEqual(result);
    expect(resultOf(undefined, { code: 'DEVICE_NONE', message: 'm', fix: 'f' })).toBeNull();
  });
});

describe('formatting', () => {
  it('reads sizes and times plainly', () => {
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(20_480)).toBe('20 KB');
    expect(formatBytes(3_798_281)).toBe('3.6 MB');
    const now = new Date('2026-03-10T12:00:00');
    expect(formatWhen('2026-03-10T11:59:40', now)).toBe('just now');
    expect(formatWhen('2026-03-10T11:55:00', now)).toBe('5 minutes ago');
    expect(formatWhen('2026-03-10T08:00:00', now)).toMatch(/^today at/);
    expect(formatWhen('2026-03-09T08:00:00', now)).toMatch(/^yesterday at/);
  });
});
