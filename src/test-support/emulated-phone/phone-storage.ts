/**
 * The emulated phone's file system: device paths (/sdcard/..., /storage/emulated/0/..., /data/local/tmp)
 * live under one temp folder on the host, and the free space is a number the tests can turn down.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Things a test can switch on to make the phone misbehave. All mutable at run time. */
export interface PhoneFaults {
  /** Bytes free on /sdcard; SEND fails with "No space left on device" past it. */
  freeBytes: number;
  /** What `df` claims is free, when it should differ from the truth (defaults to freeBytes). */
  reportedFreeBytes: number | null;
  /** Flip one byte of each pushed file whose device path contains this text (true: every file). */
  corruptPushes: boolean | string;
  /** Drop the connection once this many more bytes arrived from the host (see EmulatedPhone.dropAfter); null: never. */
  dropAfterBytes: number | null;
  /** False makes `sha256sum` "not found", as on old toybox builds, so md5sum must be used. */
  hasSha256sum: boolean;
}

export const TOTAL_BYTES = 32 * 1024 * 1024 * 1024;

export function defaultFaults(): PhoneFaults {
  return {
    freeBytes: 8 * 1024 * 1024 * 1024,
    reportedFreeBytes: null,
    corruptPushes: false,
    dropAfterBytes: null,
    hasSha256sum: true,
  };
}

export class PhoneStorage {
  constructor(
    readonly root: string,
    readonly faults: PhoneFaults,
  ) {
    fs.mkdirSync(path.join(root, 'sdcard'), { recursive: true });
    fs.mkdirSync(path.join(root, 'data', 'local', 'tmp'), { recursive: true });
  }

  /** Normalises a device path; relative paths are taken from "/", like adbd's shell. */
  devicePath(p: string): string {
    let norm = path.posix.normalize(path.posix.join('/', p));
    for (const alias of ['/storage/emulated/0', '/storage/self/primary', '/mnt/sdcard']) {
      if (norm === alias || norm.startsWith(alias + '/')) norm = '/sdcard' + norm.slice(alias.length);
    }
    return norm.length > 1 ? norm.replace(/\/$/, '') : norm;
  }

  /** Where a device path is kept on the host. */
  hostPath(p: string): string {
    const host = path.join(this.root, this.devicePath(p));
    if (host !== this.root && !host.startsWith(this.root + path.sep)) throw new Error(`path escapes phone: ${p}`);
    return host;
  }

  usedBytes(): number {
    let total = 0;
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile()) total += fs.statSync(full).size;
      }
    };
    walk(this.root);
    return total;
  }

  /** Free bytes right now: the configured budget minus what is stored. */
  freeBytes(): number {
    return Math.max(0, this.faults.freeBytes - this.usedBytes());
  }

  reportedFreeBytes(): number {
    return this.faults.reportedFreeBytes ?? this.freeBytes();
  }

  shouldCorrupt(devicePath: string): boolean {
    const c = this.faults.corruptPushes;
    return c === true || (typeof c === 'string' && c.length > 0 && devicePath.includes(c));
  }

  /** Flips one byte in the middle of a stored file, as a bad cable or flash cell would. */
  corrupt(hostFile: string): void {
    const size = fs.statSync(hostFile).size;
    if (size === 0) {
      fs.writeFileSync(hostFile, Buffer.from([0x42]));
      return;
    }
    const fd = fs.openSync(hostFile, 'r+');
    try {
      const at = Math.floor(size / 2);
      const b = Buffer.alloc(1);
      fs.readSync(fd, b, 0, 1, at);
      b[0] ^= 0xff;
      fs.writeSync(fd, b, 0, 1, at);
    } finally {
      fs.closeSync(fd);
    }
  }
}
