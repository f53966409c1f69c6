import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';

/**
 * Who holds something on disk (the project lock): enough to tell, later and from another process,
 * whether that holder can still be running. A pid alone is not: after a reboot the same pid is
 * often given to another program, and a lock left by a crash would then look held for ever.
 */
export interface ProcessIdentity {
  pid: number;
  host: string;
  /** Linux's boot id (new at every boot); null elsewhere. */
  bootId: string | null;
  /** When the machine booted, in whole seconds since 1970 (from the uptime). */
  bootTime: number;
  /** Random, new at each start of the studio: tells this run from an earlier one with the same pid. */
  startId: string;
}

const START_ID = randomUUID();

function readBootId(): string | null {
  try {
    const id = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return id.length > 0 ? id : null;
  } catch {
    return null;
  }
}

const BOOT_ID = readBootId();

/** This process, as a lock records it. */
export function thisProcess(): ProcessIdentity {
  return {
    pid: process.pid,
    host: os.hostname(),
    bootId: BOOT_ID,
    bootTime: Math.round((Date.now() - os.uptime() * 1000) / 1000),
    startId: START_ID,
  };
}

/**
 * Boot times computed from the clock and the uptime wobble by a second or so (and by clock
 * corrections), while a reboot moves them by at least the time the machine was up.
 */
const BOOT_TIME_SLACK_S = 120;

function sameBoot(a: ProcessIdentity, b: ProcessIdentity): boolean {
  if (a.bootId && b.bootId) return a.bootId === b.bootId;
  return Math.abs(a.bootTime - b.bootTime) <= BOOT_TIME_SLACK_S;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * False when `owner` has certainly stopped: same machine and it booted since, or its pid is ours
 * now (another start), or no process has its pid. A holder on another machine (a shared drive)
 * cannot be checked and counts as stopped, as before. Old records without boot data fall back to
 * the pid alone.
 */
export function mayStillRun(owner: Partial<ProcessIdentity> & { pid: number; host: string }, me = thisProcess()): boolean {
  if (owner.host !== me.host) return false;
  if (owner.startId === me.startId) return true;
  if (typeof owner.bootTime === 'number' && !sameBoot({ ...me, ...owner } as ProcessIdentity, me)) return false;
  if (owner.pid === me.pid) return false;
  return pidAlive(owner.pid);
}
