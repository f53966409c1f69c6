import path from 'node:path';
import { StudioError } from '../../shared/errors';
import { entryKindSync, readFileInsideSync, unlinkInsideSync, writeFileInsideSync } from '../fs/safe-path';
import { mayStillRun, thisProcess, type ProcessIdentity } from './process-identity';
import { projectUnsafe } from './project-unsafe';

/** Projects this process holds open, so a second open in the same process is refused too. */
const heldHere = new Set<string>();

type LockBody = Partial<ProcessIdentity> & { pid: number; host: string };

/** The lock's holder, or null when there is no lock or it is garbled (a crash mid-write). */
function readLock(dir: string, file: string): LockBody | null {
  try {
    const body = JSON.parse(readFileInsideSync(dir, file).toString('utf8')) as Partial<LockBody>;
    return typeof body.pid === 'number' && typeof body.host === 'string' ? (body as LockBody) : null;
  } catch {
    return null;
  }
}

function locked(owner: { pid: number }): StudioError {
  return new StudioError(
    'PROJECT_LOCKED',
    `This project is already open in another Magritte Studio window or command (process ${owner.pid}).`,
    'Close it there first. If nothing else is using it, delete the file named "lock" inside the project folder.',
  );
}

/** Creates the lock file; false when one exists already. Never writes through a link (O_EXCL|O_NOFOLLOW). */
function createLock(dir: string, file: string, body: ProcessIdentity): boolean {
  try {
    writeFileInsideSync(dir, file, JSON.stringify(body), true);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // O_EXCL fails on any existing entry, a link included: say which it is.
    const kind = entryKindSync(file);
    if (kind !== 'file' && kind !== 'missing') throw projectUnsafe(path.basename(file), kind);
    return false;
  }
}

/**
 * Takes the project's lock file. A lock left by a process that has stopped (a crash, a reboot
 * since) is taken over; one held by a process that may still run is refused, because opening
 * sweeps files that process may be writing. The lock records pid, host, boot and a random start
 * id, so a pid handed to another program after a reboot is not mistaken for the holder.
 */
export function acquireProjectLock(dir: string, file: string): () => void {
  const me = thisProcess();
  if (heldHere.has(dir)) throw locked(me);
  let taken = createLock(dir, file, me);
  if (!taken) {
    const owner = readLock(dir, file);
    if (owner && mayStillRun(owner, me)) throw locked(owner);
    // A stale lock: remove that file (never what a link names) and create ours exclusively; if
    // another process got there in between, it holds the project now.
    unlinkInsideSync(dir, file);
    taken = createLock(dir, file, me);
    if (!taken) throw locked(readLock(dir, file) ?? { pid: 0 });
  }
  heldHere.add(dir);
  return () => {
    heldHere.delete(dir);
    if (readLock(dir, file)?.startId === me.startId && entryKindSync(file) === 'file') unlinkInsideSync(dir, file);
  };
}
