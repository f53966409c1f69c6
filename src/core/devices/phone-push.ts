/**
 * Sends one export to one phone, safely:
 *   1. empty a hidden staging folder beside the destination and check free space (df);
 *   2. send every file as `<name>.part` into staging over adb's sync service;
 *   3. hash every .part on the phone (sha256sum, md5sum where missing) against our own hashes,
 *      re-sending a damaged file once;
 *   4. move the checked files into the destination (renames on one volume), remove staging;
 *   5. broadcast the reload intent to the phone app.
 * Until step 4 the destination is untouched, so any failure leaves the previous complete deck (or
 * nothing) there, never a .part or an unchecked file.
 */
import path from 'node:path';
import type { PhonePushOutcome, PushPhase } from '../../shared/api/devices';
import { StudioError } from '../../shared/errors';
import { cancelledError } from '../jobs/job-runner';
import type { AdbHost } from './adb-host';
import { deviceErrors } from './device-errors';
import { stateError, normaliseState } from './phone-doctor';
import { batchByLength, isCommandMissing, parseDfFreeBytes, parseHashLines } from './phone-output';
import { runOnPhone, shQuote, ShellTimeout } from './phone-shell';
import type { PlanFile, PushPlan } from './push-plan';

export interface PhoneTarget {
  serial: string;
  model: string | null;
}

export interface PhoneProgress {
  phase: PushPhase;
  file: string | null;
  fileIndex: number;
  bytesDone: number;
}

/** Bytes kept free beyond the files themselves, for the file system's own bookkeeping. */
const SPACE_MARGIN = 256 * 1024;
/** A file transfer that moves no byte for this long is treated as a pulled cable. */
const STALL_MS = 30_000;
const MAX_COMMAND_CHARS = 900;

interface SyncLike {
  pushFile(file: string, remote: string, mode?: number): NodeJS.EventEmitter & { cancel(): void };
  end(): void;
}

type HashTool = 'sha256' | 'md5';

export class PhonePush {
  private bytesDone = 0;
  private verifiedWith: HashTool | null = null;

  constructor(
    private readonly host: AdbHost,
    private readonly target: PhoneTarget,
    private readonly plan: PushPlan,
    private readonly report: (p: PhoneProgress) => void,
    private readonly signal: AbortSignal,
  ) {}

  /** Never throws: failures come back as an outcome with `error`. */
  async run(): Promise<PhonePushOutcome> {
    const { plan, target } = this;
    const base = { serial: target.serial, model: target.model, destination: plan.destination, files: plan.files.length, bytes: plan.totalBytes };
    try {
      await this.checkReady();
      this.progress('preparing', null, 0);
      await this.prepare();
      await this.send(plan.files);
      await this.verify();
      this.progress('placing', null, plan.files.length);
      await this.place();
      await this.broadcast();
      this.progress('done', null, plan.files.length);
      return { ...base, ok: true, verifiedWith: this.verifiedWith };
    } catch (e) {
      const error = await this.explain(e);
      await this.cleanUp();
      this.progress('failed', null, 0);
      return { ...base, ok: false, verifiedWith: this.verifiedWith, error: error.toPayload() };
    }
  }

  private progress(phase: PushPhase, file: string | null, fileIndex: number): void {
    this.report({ phase, file, fileIndex, bytesDone: this.bytesDone });
  }

  private async checkReady(): Promise<void> {
    const line = (await this.host.devices()).find((d) => d.serial === this.target.serial);
    if (!line) throw deviceErrors.notFound(this.target.serial);
    const err = stateError(this.target.serial, normaliseState(line.state), this.target.model);
    if (err) throw err;
  }

  /** Runs a command line; a non-zero status becomes an error naming what we tried to do. */
  private async sh(command: string, what: string): Promise<string> {
    this.throwIfCancelled();
    const r = await runOnPhone(this.host, this.target.serial, command);
    if (r.status === null) throw new Error(`the phone stopped answering while trying to ${what}`);
    if (r.status !== 0) {
      if (/No space left/i.test(r.output)) throw this.storageFull(null);
      throw deviceErrors.commandFailed(this.target.serial, what, r.output);
    }
    return r.output;
  }

  private async prepare(): Promise<void> {
    const { staging, destination, files } = this.plan;
    const dirs = new Set<string>([staging, destination]);
    for (const f of files) {
      const sub = path.posix.dirname(f.rel);
      if (sub !== '.') {
        dirs.add(path.posix.join(staging, sub));
        dirs.add(path.posix.join(destination, sub));
      }
    }
    await this.sh(`rm -rf ${shQuote(staging)} && mkdir -p ${[...dirs].map(shQuote).join(' ')}`, 'make the deck folder');
    const df = await runOnPhone(this.host, this.target.serial, `df -k ${shQuote(destination)}`);
    const free = df.status === 0 ? parseDfFreeBytes(df.output) : null;
    if (free !== null && free < this.plan.totalBytes + SPACE_MARGIN) throw this.storageFull(free);
  }

  private storageFull(free: number | null): StudioError {
    return deviceErrors.storageFull(this.target.serial, this.target.model, this.plan.totalBytes, free);
  }

  private partPath(f: PlanFile): string {
    return `${this.plan.staging}/${f.rel}.part`;
  }

  private async send(files: PlanFile[]): Promise<void> {
    const sync = (await this.host.client.getDevice(this.target.serial).syncService()) as SyncLike;
    try {
      for (const f of files) {
        this.throwIfCancelled();
        const index = this.plan.files.indexOf(f);
        this.progress('sending', f.rel, index);
        await this.sendOne(sync, f, index);
      }
    } finally {
      sync.end();
    }
  }

  private sendOne(sync: SyncLike, f: PlanFile, index: number): Promise<void> {
    const startBytes = this.bytesDone;
    return new Promise<void>((resolve, reject) => {
      const transfer = sync.pushFile(f.abs, this.partPath(f), 0o644);
      let settled = false;
      let stall = setTimeout(() => stop(new Error('the phone stopped receiving')), STALL_MS);
      const stop = (err: Error | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(stall);
        this.signal.removeEventListener('abort', onAbort);
        if (err) {
          transfer.cancel();
          reject(err);
        } else {
          this.bytesDone = startBytes + f.size;
          resolve();
        }
      };
      const onAbort = () => stop(cancelledError());
      this.signal.addEventListener('abort', onAbort);
      transfer.on('progress', (s: { bytesTransferred: number }) => {
        clearTimeout(stall);
        stall = setTimeout(() => stop(new Error('the phone stopped receiving')), STALL_MS);
        this.bytesDone = startBytes + Math.min(s.bytesTransferred, f.size);
        this.progress('sending', f.rel, index);
      });
      transfer.on('error', (e: Error) => stop(e));
      // adbkit emits 'end' after 'error' too; `settled` keeps the first word.
      transfer.on('end', () => stop(null));
    });
  }

  /** Hashes every .part on the phone; damaged ones are sent once more, then given up on. */
  private async verify(): Promise<void> {
    let bad = await this.damaged(this.plan.files);
    if (bad.length === 0) return;
    await this.sh(`rm -f ${bad.map((f) => shQuote(this.partPath(f))).join(' ')}`, 'remove a damaged file');
    this.bytesDone -= bad.reduce((n, f) => n + f.size, 0);
    await this.send(bad);
    bad = await this.damaged(bad);
    if (bad.length > 0) {
      await this.sh(`rm -f ${bad.map((f) => shQuote(this.partPath(f))).join(' ')}`, 'remove a damaged file');
      throw deviceErrors.hashMismatch(this.target.serial, this.target.model, bad[0].rel);
    }
  }

  private async damaged(files: PlanFile[]): Promise<PlanFile[]> {
    this.progress('verifying', null, files.length);
    const byPath = new Map(files.map((f) => [this.partPath(f), f]));
    const found = new Map<string, string>();
    for (const batch of batchByLength([...byPath.keys()].map(shQuote), MAX_COMMAND_CHARS)) {
      const out = await this.hashOnPhone(batch.join(' '));
      for (const [p, h] of parseHashLines(out)) found.set(p, h);
    }
    return files.filter((f) => found.get(this.partPath(f)) !== (this.verifiedWith === 'md5' ? f.md5 : f.sha256));
  }

  private async hashOnPhone(quotedPaths: string): Promise<string> {
    this.throwIfCancelled();
    if (this.verifiedWith !== 'md5') {
      const r = await runOnPhone(this.host, this.target.serial, `sha256sum ${quotedPaths}`);
      if (r.status === null) throw new Error('the phone stopped answering while checking the files');
      if (!isCommandMissing(r.output, r.status)) {
        this.verifiedWith = 'sha256';
        return r.output;
      }
      this.verifiedWith = 'md5';
    }
    const r = await runOnPhone(this.host, this.target.serial, `md5sum ${quotedPaths}`);
    if (r.status === null) throw new Error('the phone stopped answering while checking the files');
    return r.output;
  }

  private async place(): Promise<void> {
    const moves = this.plan.files.map((f) => `mv -f ${shQuote(this.partPath(f))} ${shQuote(`${this.plan.destination}/${f.rel}`)}`);
    // Moves are batched into few commands so the window in which the deck is half old, half new stays short.
    for (const batch of batchByLength(moves, MAX_COMMAND_CHARS)) await this.sh(batch.join(' && '), 'put the files in place');
    await this.sh(`rm -rf ${shQuote(this.plan.staging)}`, 'tidy up');
  }

  private async broadcast(): Promise<void> {
    const { reloadAction, appPackage, deckName, destination } = this.plan;
    // -p targets the app: Android 8+ does not deliver implicit broadcasts to manifest receivers.
    const cmd = `am broadcast -a ${shQuote(reloadAction)} -p ${shQuote(appPackage)} --es deck ${shQuote(deckName)} --es folder ${shQuote(destination)}`;
    await runOnPhone(this.host, this.target.serial, cmd);
  }

  private throwIfCancelled(): void {
    if (this.signal.aborted) throw cancelledError();
  }

  /** Turns whatever went wrong into the one StudioError that names it. */
  private async explain(e: unknown): Promise<StudioError> {
    const text = e instanceof Error ? e.message : String(e);
    if (e instanceof StudioError && e.code !== 'INTERNAL') return e;
    if (/No space left|ENOSPC/i.test(text)) return this.storageFull(null);
    if (e instanceof ShellTimeout || !(await this.stillThere())) return deviceErrors.disconnected(this.target.serial, this.target.model);
    if (/closed|premature|ECONNRESET|EPIPE|offline|stopped (answering|receiving)/i.test(text)) {
      return deviceErrors.disconnected(this.target.serial, this.target.model);
    }
    if (e instanceof StudioError) return e;
    return new StudioError('INTERNAL', `Sending to the phone ${this.target.serial} failed: ${text}`, 'Unplug and replug the phone, then send again.');
  }

  private async stillThere(): Promise<boolean> {
    try {
      const line = (await this.host.devices()).find((d) => d.serial === this.target.serial);
      return line !== undefined && normaliseState(line.state) === 'device';
    } catch {
      return false;
    }
  }

  /** Best effort: remove staging (never the destination) if the phone still answers. */
  private async cleanUp(): Promise<void> {
    if (!(await this.stillThere())) return;
    try {
      await runOnPhone(this.host, this.target.serial, `rm -rf ${shQuote(this.plan.staging)}`, 5_000);
    } catch {
      // The next push empties staging first anyway.
    }
  }
}
