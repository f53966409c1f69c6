/** Runs one push on several phones at once, reporting each phone's progress and the job's total. */
import type { PhonePushOutcome, PushPhoneProgress } from '../../shared/api/devices';
import { cancelledError, type JobContext } from '../jobs/job-runner';
import type { AdbHost } from './adb-host';
import { PhonePush, type PhoneProgress, type PhoneTarget } from './phone-push';
import type { PushPlan } from './push-plan';

const PHONE_EVENT_INTERVAL_MS = 100;

function describe(t: PhoneTarget, p: PhoneProgress, fileCount: number): string {
  const who = t.model ?? t.serial;
  switch (p.phase) {
    case 'sending':
      return `${who}: sending ${p.file} (${p.fileIndex + 1}/${fileCount})`;
    case 'verifying':
      return `${who}: checking the files`;
    case 'placing':
      return `${who}: putting the files in place`;
    case 'done':
      return `${who}: done`;
    case 'failed':
      return `${who}: failed`;
    default:
      return `${who}: getting ready`;
  }
}

export async function pushToPhones(
  host: AdbHost,
  targets: PhoneTarget[],
  plan: PushPlan,
  job: JobContext,
  emit: (p: PushPhoneProgress) => void,
): Promise<PhonePushOutcome[]> {
  const bytesByPhone = new Map<string, number>();
  const total = plan.totalBytes * targets.length;
  const runs = targets.map((t) => {
    let lastEmit = 0;
    let lastPhase = '';
    const report = (p: PhoneProgress) => {
      bytesByPhone.set(t.serial, p.bytesDone);
      const now = Date.now();
      // Byte counts arrive per 64 KiB chunk; phase changes always go out, bytes at most every 100 ms.
      if (p.phase !== lastPhase || now - lastEmit >= PHONE_EVENT_INTERVAL_MS) {
        lastEmit = now;
        lastPhase = p.phase;
        emit({ jobId: job.jobId, serial: t.serial, model: t.model, ...p, fileCount: plan.files.length, bytesTotal: plan.totalBytes });
      }
      const done = [...bytesByPhone.values()].reduce((a, b) => a + b, 0);
      job.progress(Math.min(done, total), total, describe(t, p, plan.files.length));
    };
    return new PhonePush(host, t, plan, report, job.signal).run().then((outcome) => {
      // A finished phone counts fully; a failed one stops counting where it was.
      if (outcome.ok) bytesByPhone.set(t.serial, plan.totalBytes);
      return outcome;
    });
  });
  const outcomes = await Promise.all(runs);
  if (job.signal.aborted) throw cancelledError();
  return outcomes;
}
