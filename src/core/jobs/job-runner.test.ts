import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../shared/domain';
import { EventBus } from '../event-bus';
import { JobRunner } from './job-runner';

/** Runs one job whose body reports through `report`, and collects the progress events it caused. */
async function said(report: (progress: (done: number, total: number, message: string) => void) => void): Promise<JobProgress[]> {
  const events = new EventBus();
  const seen: JobProgress[] = [];
  const off = events.on('job.progress', (p) => seen.push(p));
  let reported: JobProgress[] = [];
  const { done } = new JobRunner(events).start('deck-map', async (job) => {
    report((d, t, m) => job.progress(d, t, m));
    // What the reports themselves caused (the end of a job is said once more, after this).
    reported = [...seen];
  });
  await done;
  off();
  return reported;
}

describe('job progress events', () => {
  it('say a new phase at once, even right after the last event', async () => {
    const messages = (
      await said((progress) => {
        progress(0, 0, 'Step 1 of 2 · Features already computed');
        // Announced a millisecond later, then silence while the step runs: it must still be heard.
        progress(0, 1, 'Step 2 of 2 · Arranging the photos');
        progress(0, 500, 'Step 2 of 2 · Arranging the photos');
      })
    ).map((p) => `${p.message} ${p.done}/${p.total}`);
    expect(messages).toEqual([
      'Step 1 of 2 · Features already computed 0/0',
      'Step 2 of 2 · Arranging the photos 0/1',
      'Step 2 of 2 · Arranging the photos 0/500',
    ]);
  });

  it('still say the items of one phase at most every 100 ms (and the last one)', async () => {
    const seen = await said((progress) => {
      for (let i = 0; i <= 200; i++) progress(i, 200, `Photo ${i} of 200`);
    });
    expect(seen.map((p) => p.done)).toEqual([0, 200]);
  });
});
