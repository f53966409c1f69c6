/**
 * The phone's `sync:` service (AOSP adb/SYNC.TXT, version 1). Requests are an 8-byte header
 * (4-letter id, little-endian length) and `length` bytes: STAT/LIST/RECV/SEND take a path;
 * SEND's path is "path,mode" and is followed by DATA chunks (at most 64 KiB each) and a DONE whose
 * length field is the file's mtime; the phone answers OKAY or FAIL + message. Like adbd, a failed
 * SEND sends FAIL, swallows the rest of the upload until DONE, deletes the file and ends the
 * session. The bytes arrive split across WRTE packets anywhere, so this is a byte-level machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PhoneStorage } from './phone-storage';

export interface ByteStream {
  write(data: Buffer): void;
  close(): void;
}

const SYNC_DATA_MAX = 64 * 1024;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const ENOSPC = 'No space left on device';

type State =
  | { kind: 'request' }
  | { kind: 'send-header'; fd: number; hostFile: string; devicePath: string; written: number }
  | { kind: 'send-data'; fd: number; hostFile: string; devicePath: string; written: number; left: number }
  | { kind: 'drain-header' }
  | { kind: 'drain-data'; left: number }
  | { kind: 'closed' };

export class SyncSession {
  private buffer: Buffer = Buffer.alloc(0);
  private state: State = { kind: 'request' };
  constructor(
    private readonly storage: PhoneStorage,
    private readonly out: ByteStream,
    private readonly onSend?: (devicePath: string) => void,
  ) {}

  onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    while (this.step()) {
      /* keep consuming */
    }
  }

  /** The host went away mid-transfer: a half-written upload is deleted, as adbd does. */
  onClose(): void {
    const s = this.state;
    if (s.kind === 'send-header' || s.kind === 'send-data') {
      fs.closeSync(s.fd);
      fs.rmSync(s.hostFile, { force: true });
    }
    this.state = { kind: 'closed' };
  }

  private step(): boolean {
    const s = this.state;
    switch (s.kind) {
      case 'closed':
        this.buffer = Buffer.alloc(0);
        return false;
      case 'send-data':
      case 'drain-data': {
        if (this.buffer.length === 0) return false;
        const n = Math.min(s.left, this.buffer.length);
        const piece = this.buffer.subarray(0, n);
        this.buffer = this.buffer.subarray(n);
        if (s.kind === 'send-data') {
          fs.writeSync(s.fd, piece);
          s.written += n;
        }
        s.left -= n;
        if (s.left === 0) {
          this.state =
            s.kind === 'send-data'
              ? { kind: 'send-header', fd: s.fd, hostFile: s.hostFile, devicePath: s.devicePath, written: s.written }
              : { kind: 'drain-header' };
        }
        return true;
      }
      default: {
        if (this.buffer.length < 8) return false;
        const id = this.buffer.toString('ascii', 0, 4);
        const len = this.buffer.readUInt32LE(4);
        if (s.kind === 'send-header') {
          this.buffer = this.buffer.subarray(8);
          this.sendChunkHeader(s, id, len);
          return true;
        }
        if (s.kind === 'drain-header') {
          this.buffer = this.buffer.subarray(8);
          if (id === 'DATA') this.state = { kind: 'drain-data', left: len };
          else this.end();
          return true;
        }
        if (id === 'QUIT') {
          this.end();
          return false;
        }
        if (len > 4096) return (this.fail(`path too long: ${len}`), false);
        if (this.buffer.length < 8 + len) return false;
        const arg = this.buffer.toString('utf8', 8, 8 + len);
        this.buffer = this.buffer.subarray(8 + len);
        this.request(id, arg);
        return true;
      }
    }
  }

  private request(id: string, arg: string): void {
    switch (id) {
      case 'STAT':
        return this.stat(arg);
      case 'LIST':
        return this.list(arg);
      case 'RECV':
        return this.recv(arg);
      case 'SEND':
        return this.send(arg);
      default:
        this.fail(`unknown sync request ${JSON.stringify(id)}`);
        this.end();
    }
  }

  private stat(p: string): void {
    const reply = Buffer.alloc(16);
    reply.write('STAT', 0, 'ascii');
    const host = this.storage.hostPath(p);
    if (fs.existsSync(host)) {
      const st = fs.statSync(host);
      reply.writeUInt32LE((st.isDirectory() ? S_IFDIR | 0o771 : S_IFREG | 0o660) >>> 0, 4);
      reply.writeUInt32LE(Math.min(st.size, 0xffffffff), 8);
      reply.writeUInt32LE(Math.floor(st.mtimeMs / 1000), 12);
    }
    this.out.write(reply);
  }

  private list(p: string): void {
    const host = this.storage.hostPath(p);
    const parts: Buffer[] = [];
    if (fs.existsSync(host) && fs.statSync(host).isDirectory()) {
      for (const name of fs.readdirSync(host).sort()) {
        const st = fs.statSync(path.join(host, name));
        const nameBuf = Buffer.from(name, 'utf8');
        const dent = Buffer.alloc(20);
        dent.write('DENT', 0, 'ascii');
        dent.writeUInt32LE((st.isDirectory() ? S_IFDIR | 0o771 : S_IFREG | 0o660) >>> 0, 4);
        dent.writeUInt32LE(Math.min(st.size, 0xffffffff), 8);
        dent.writeUInt32LE(Math.floor(st.mtimeMs / 1000), 12);
        dent.writeUInt32LE(nameBuf.length, 16);
        parts.push(dent, nameBuf);
      }
    }
    const done = Buffer.alloc(20);
    done.write('DONE', 0, 'ascii');
    parts.push(done);
    this.out.write(Buffer.concat(parts));
  }

  private recv(p: string): void {
    const host = this.storage.hostPath(p);
    if (!fs.existsSync(host) || !fs.statSync(host).isFile()) return this.fail(`open failed: No such file or directory`);
    const data = fs.readFileSync(host);
    for (let at = 0; at < data.length; at += SYNC_DATA_MAX) {
      const chunk = data.subarray(at, at + SYNC_DATA_MAX);
      const head = Buffer.alloc(8);
      head.write('DATA', 0, 'ascii');
      head.writeUInt32LE(chunk.length, 4);
      this.out.write(Buffer.concat([head, chunk]));
    }
    this.okay('DONE');
  }

  private send(spec: string): void {
    const comma = spec.lastIndexOf(',');
    const devicePath = this.storage.devicePath(comma >= 0 ? spec.slice(0, comma) : spec);
    this.onSend?.(devicePath);
    const hostFile = this.storage.hostPath(devicePath);
    try {
      // adbd creates missing parent folders itself.
      fs.mkdirSync(path.dirname(hostFile), { recursive: true });
      const fd = fs.openSync(hostFile, 'w');
      this.state = { kind: 'send-header', fd, hostFile, devicePath, written: 0 };
    } catch (e) {
      this.fail(`couldn't create file: ${(e as Error).message}`);
      this.state = { kind: 'drain-header' };
    }
  }

  private sendChunkHeader(s: Extract<State, { kind: 'send-header' }>, id: string, len: number): void {
    if (id === 'DATA') {
      if (len > SYNC_DATA_MAX) return this.abortSend(s, 'invalid data message: too large');
      // The new bytes must fit in what is free; the file's own bytes are already counted as used.
      if (len > this.storage.freeBytes()) return this.abortSend(s, `write failed: ${ENOSPC}`);
      this.state = { ...s, kind: 'send-data', left: len };
      if (len === 0) this.state = s;
      return;
    }
    if (id === 'DONE') {
      fs.closeSync(s.fd);
      if (this.storage.shouldCorrupt(s.devicePath)) this.storage.corrupt(s.hostFile);
      if (len > 0) fs.utimesSync(s.hostFile, len, len);
      this.state = { kind: 'request' };
      this.okay('OKAY');
      return;
    }
    this.abortSend(s, 'invalid data message');
    this.end();
  }

  /** adbd: report the failure, delete the partial file, then swallow DATA until DONE. */
  private abortSend(s: Extract<State, { kind: 'send-header' }>, message: string): void {
    fs.closeSync(s.fd);
    fs.rmSync(s.hostFile, { force: true });
    this.fail(message);
    this.state = { kind: 'drain-header' };
  }

  private okay(id: 'OKAY' | 'DONE'): void {
    const b = Buffer.alloc(8);
    b.write(id, 0, 'ascii');
    this.out.write(b);
  }

  private fail(message: string): void {
    const msg = Buffer.from(message, 'utf8');
    const head = Buffer.alloc(8);
    head.write('FAIL', 0, 'ascii');
    head.writeUInt32LE(msg.length, 4);
    this.out.write(Buffer.concat([head, msg]));
  }

  private end(): void {
    this.state = { kind: 'closed' };
    this.out.close();
  }
}
