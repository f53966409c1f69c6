import fs from 'node:fs';
import os from 'node:os';
import { StudioError } from '../../shared/errors';

/** Projects this process holds open, so a second open in the same process is refused too. */
const heldHere = new Set<string>();

interface LockBody {
  pid: number;
  host: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockBody | null {
  try {
    const body = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockBody>;
    return typeof body.pid === 'number' && typeof body.host === 'string' ? { pid: body.pid, host: body.host } : null;
  } catch {
    return null;
  }
}

function locked(owner: LockBody): StudioError {
  return new StudioError(
    'PROJECT_LOCKED',
    `This project is already open in another Magritte Studio window or command (process ${owner.pid}).`,
    'Close it there first. If nothing else is using it, delete the file named "lock" inside the project folder.',
  );
}

/**
 * Takes the project's lock file. A lock left by a process that has died (a crash) is taken over;
 * one held by a live process is refused, because opening sweeps files that process may be writing.
 */
export function acquireProjectLock(dir: string, file: string): () => void {
  if (heldHere.has(dir)) throw locked({ pid: process.pid, host: os.hostname() });
  const me: LockBody = { pid: process.pid, host: os.hostname() };
  const owner = readLock(file);
  if (owner && owner.host === me.host && owner.pid !== me.pid && isAlive(owner.pid)) throw locked(owner);
  fs.writeFileSync(file, JSON.stringify(me));
  heldHere.add(dir);
  return () => {
    heldHere.delete(dir);
    const current = readLock(file);
    if (current && current.pid === me.pid) fs.rmSync(file, { force: true });
  };
}
