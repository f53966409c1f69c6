import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../shared/api/doctor';
import { fruitSources } from '../../test-support/fruits';
import { runImport, testCore, waitForJob, type TestCore } from '../../test-support/test-core';
import type { runDoctor } from './doctor-job';
import { DOCTOR_SETTLE_MS, DoctorScheduler } from './doctor-scheduler';

/** One doctor check as seen from outside: when it began work, how it ended. */
interface Seen {
  jobId: string;
  deckId: number;
  computeFeatures: boolean;
  startedAt: number;
  endedAt?: number;
  outcome?: 'finished' | 'cancelled' | 'failed';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * When the deck doctor runs by itself: after an import once the deck is quiet (one check for
 * imports in a row), when a training starts on a deck whose report is out of date, never after a
 * move (the report says it is stale instead), one check of a deck at a time, and a newer change
 * cancels a check of the older deck.
 */
describe('the deck doctor runs by itself after imports and before training', () => {
  let t: TestCore;
  let deckId: number;
  const seen: Seen[] = [];
  const checks = () => seen.filter((s) => s.deckId === deckId);
  const ended = (s: Seen) => s.endedAt !== undefined;
  /** Waits until `n` checks of the deck have ended (or fails after `ms`). */
  const untilEnded = async (n: number, ms = 120_000) => {
    const until = Date.now() + ms;
    while (checks().filter(ended).length < n) {
      if (Date.now() > until) throw new Error(`only ${checks().filter(ended).length} of ${n} checks ended`);
      await sleep(50);
    }
  };
  const report = async () => (await t.core.api.getDoctorReport({ deckId }))!;

  beforeAll(async () => {
    t = await testCore();
    deckId = (await t.core.api.createDeck({ name: 'Fruits' })).id;
    t.core.events.on('doctor.started', (e) => seen.push({ ...e, startedAt: Date.now() }));
    const end = (jobId: string, outcome: Seen['outcome']) => {
      const s = seen.find((x) => x.jobId === jobId);
      if (s) Object.assign(s, { endedAt: Date.now(), outcome });
    };
    t.core.events.on('job.finished', (e) => end(e.jobId, 'finished'));
    t.core.events.on('job.failed', (e) => end(e.jobId, e.cancelled ? 'cancelled' : 'failed'));
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('checks once after imports in a row, when the deck has been quiet for a moment', async () => {
    await runImport(t.core, { deckId, sources: fruitSources(['Apple', 'Orange'], 0, 6) });
    expect(checks()).toHaveLength(0);
    await runImport(t.core, { deckId, sources: fruitSources(['Apple', 'Orange'], 6, 12) });
    await untilEnded(1);
    await sleep(DOCTOR_SETTLE_MS + 500);
    expect(checks().map((s) => [s.computeFeatures, s.outcome])).toEqual([[false, 'finished']]);
    const r = await report();
    expect(r.photoCount).toBe(24);
    expect(r.stale).toBe(false);
  });

  it('does not check after a move, and says the report is stale', async () => {
    const photos = await t.core.api.listPhotos({ deckId });
    const orange = (await t.core.api.listClasses({ deckId })).find((c) => c.key === 'Orange')!;
    await t.core.api.movePhotos({ photoIds: [photos[0].id], classId: orange.id });
    await sleep(DOCTOR_SETTLE_MS + 1000);
    expect(checks()).toHaveLength(1);
    expect((await report()).stale).toBe(true);
    // "Check again": the new report is about the deck as it is.
    const again = await waitForJob<DoctorReport>(t.core, (await t.core.api.startDoctor({ deckId, computeFeatures: false })).jobId);
    expect(again.stale).toBe(false);
    expect((await report()).stale).toBe(false);
  });

  it('cancels a check when an import changes the deck under it, and checks the new deck after it stopped', async () => {
    const before = checks().length;
    // Computing features takes a while: the import ends while this check still runs.
    const { jobId } = await t.core.api.startDoctor({ deckId, computeFeatures: true });
    await runImport(t.core, { deckId, sources: fruitSources(['Apple'], 12, 14) });
    await untilEnded(before + 2);
    const [first, second] = checks().slice(before);
    expect(first.jobId).toBe(jobId);
    expect(first.outcome).toBe('cancelled');
    // The next one keeps what was asked (features), and began only once the first had stopped.
    expect([second.computeFeatures, second.outcome]).toEqual([true, 'finished']);
    expect(second.startedAt).toBeGreaterThanOrEqual(first.endedAt!);
    const r = await report();
    expect([r.photoCount, r.stale, r.withoutFeatures]).toEqual([26, false, 0]);
  }, 240_000);

  it('a check with features asked for while a quick one runs replaces it, never beside it', async () => {
    const before = checks().length;
    const quick = await t.core.api.startDoctor({ deckId, computeFeatures: false });
    expect((await t.core.api.startDoctor({ deckId, computeFeatures: false })).jobId).toBe(quick.jobId);
    const full = await t.core.api.startDoctor({ deckId, computeFeatures: true });
    expect(full.jobId).not.toBe(quick.jobId);
    await waitForJob(t.core, full.jobId);
    await expect(t.core.context.jobs.wait(quick.jobId)).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
    // The quick one may have been stopped before it began: then only the full one is seen.
    const mine = checks().slice(before);
    expect(mine.at(-1)).toMatchObject({ jobId: full.jobId, outcome: 'finished' });
    expect(mine.every((s) => s.jobId === quick.jobId || s.jobId === full.jobId)).toBe(true);
  });

  it('checks when a training starts on a deck changed since its last check, not when it is up to date', async () => {
    const before = checks().length;
    const training = await t.core.api.startTraining({ deckId, settings: { epochs: 1 } });
    await t.core.api.cancelJob({ jobId: training.jobId });
    await sleep(1000);
    // Up to date: nothing to check.
    expect(checks()).toHaveLength(before);
    const photos = await t.core.api.listPhotos({ deckId });
    await t.core.api.deletePhotos({ photoIds: [photos[1].id] });
    const again = await t.core.api.startTraining({ deckId, settings: { epochs: 1 } });
    await t.core.api.cancelJob({ jobId: again.jobId });
    await untilEnded(before + 1);
    expect(
      checks()
        .slice(before)
        .map((s) => s.outcome),
    ).toEqual(['finished']);
    expect((await report()).stale).toBe(false);
  });

  it('every check of the deck ran alone', () => {
    const all = checks();
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i < all.length; i++) expect(all[i].startedAt).toBeGreaterThanOrEqual(all[i - 1].endedAt!);
  });
});

describe('the deck doctor scheduler never runs two checks of a deck at once', () => {
  let t: TestCore;
  afterAll(async () => {
    await t.dispose();
  });

  it('starts the next check only once a cancelled one has stopped, however long it takes to stop', async () => {
    t = await testCore();
    const deckId = (await t.core.api.createDeck({ name: 'Fruits' })).id;
    let running = 0;
    let most = 0;
    const ran: boolean[] = [];
    // A check that takes half a second, or notices its cancel at once but takes 300 ms to stop.
    const run: typeof runDoctor = async (_ctx, job, opts) => {
      running++;
      most = Math.max(most, running);
      ran.push(opts.computeFeatures);
      try {
        const until = Date.now() + 500;
        while (!job.signal.aborted && Date.now() < until) await sleep(10);
        if (job.signal.aborted) await sleep(300);
        job.throwIfCancelled();
        return { deckId } as DoctorReport;
      } finally {
        running--;
      }
    };
    const scheduler = new DoctorScheduler(t.core.context, { settleMs: 50, run });
    const quick = scheduler.start(deckId, false);
    await sleep(100);
    // Replaces the quick one, which is still stopping when this one would begin.
    const full = scheduler.start(deckId, true);
    await sleep(50);
    // A change: the waiting check is cancelled, and one more comes after the deck settles.
    scheduler.afterChange(deckId);
    await expect(t.core.context.jobs.wait(quick.jobId)).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
    await expect(t.core.context.jobs.wait(full.jobId)).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
    await sleep(100);
    const last = t.core.context.jobs
      .list()
      .filter((j) => j.kind === 'doctor')
      .at(-1)!;
    await t.core.context.jobs.wait(last.jobId);
    expect(most).toBe(1);
    // The quick one, then (the one asked with features never began) the one after the change, with features.
    expect(ran).toEqual([false, true]);
  });

  it('waits for the deck to be quiet after the last of imports in a row, however long the next one takes', async () => {
    const deckId = (await t.core.api.createDeck({ name: 'Vegetables' })).id;
    const ran: number[] = [];
    const run: typeof runDoctor = async (_ctx, _job, opts) => {
      ran.push(opts.deckId);
      return { deckId } as DoctorReport;
    };
    const scheduler = new DoctorScheduler(t.core.context, { settleMs: 50, run });
    // The first import ends and the next begins at once, then takes far longer than the settle.
    scheduler.afterChange(deckId);
    t.core.events.emit('import.started', { deckId });
    await sleep(300);
    expect(ran).toEqual([]);
    scheduler.afterChange(deckId);
    await sleep(300);
    expect(ran).toEqual([deckId]);
  });
});
