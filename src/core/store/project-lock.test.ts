import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { thisProcess } from './process-identity';
import { acquireProjectLock } from './project-lock';
import { tempDir } from '../../test-support/test-core';

let tmp: string;
let dir: string;
let lock: string;
let child: ChildProcess | null = null;

beforeEach(() => {
  tmp = tempDir('magritte-lock-');
  dir = path.join(tmp, 'P.magritte');
  fs.mkdirSync(dir);
  lock = path.join(dir, 'lock');
});
afterEach(() => {
  child?.kill();
  child = null;
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A process that is alive for the whole test: its pid stands for "the same pid, given again". */
function livePid(): number {
  child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  return child.pid ?? 0;
}

function bodyOf(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(lock, 'utf8')) as Record<string, unknown>;
}

describe('the project lock', () => {
  it('records pid, host, boot and a random start id, and removes only its own lock', () => {
    const release = acquireProjectLock(dir, lock);
    const me = thisProcess();
    expect(bodyOf()).toMatchObject({ pid: process.pid, host: os.hostname(), startId: me.startId, bootTime: me.bootTime });
    expect(me.startId).toMatch(/^[0-9a-f-]{36}$/);
    release();
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('refuses a lock held by a live process of this boot', () => {
    const me = thisProcess();
    fs.writeFileSync(lock, JSON.stringify({ ...me, pid: livePid(), startId: 'another-start' }));
    expect(() => acquireProjectLock(dir, lock)).toThrow(expect.objectContaining({ code: 'PROJECT_LOCKED' }));
  });

  it('takes over a lock written before a reboot, even though its pid now belongs to a live process', () => {
    const me = thisProcess();
    const beforeReboot = {
      ...me,
      pid: livePid(),
      startId: 'before-the-reboot',
      bootId: me.bootId ? 'an-earlier-boot' : null,
      bootTime: me.bootTime - 3600,
    };
    fs.writeFileSync(lock, JSON.stringify(beforeReboot));
    const release = acquireProjectLock(dir, lock);
    expect(bodyOf()).toMatchObject({ pid: process.pid, startId: me.startId });
    release();
  });

  it('takes over a lock of an earlier start that had this very pid', () => {
    const me = thisProcess();
    fs.writeFileSync(lock, JSON.stringify({ ...me, startId: 'an-earlier-start' }));
    const release = acquireProjectLock(dir, lock);
    expect(bodyOf()).toMatchObject({ startId: me.startId });
    release();
  });

  it('never writes through a lock that is a link, even when called without the open-time check', () => {
    const victim = path.join(tmp, 'victim.txt');
    fs.writeFileSync(victim, 'precious');
    fs.symlinkSync(victim, lock);
    expect(() => acquireProjectLock(dir, lock)).toThrow(
      expect.objectContaining({ code: 'PROJECT_UNSAFE', details: { entry: 'lock', found: 'link' } }),
    );
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    expect(fs.lstatSync(lock).isSymbolicLink()).toBe(true);
  });
});
