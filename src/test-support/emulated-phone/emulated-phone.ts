/**
 * An emulated Android phone for the deploy tests: it speaks the DEVICE side of the adb wire
 * protocol on 127.0.0.1, so the real adb server attaches to it with `adb connect 127.0.0.1:<port>`
 * and the studio, the adb client library and the adb server under test are all the real ones.
 *
 *   const phone = await EmulatedPhone.start({ model: 'Pixel 7' });
 *   await adb.connect('127.0.0.1', phone.port);          // serial: phone.serial
 *   phone.faults.freeBytes = 0;                          // "storage full"
 *   phone.readFile('/sdcard/...');                       // what landed on the phone
 *   await phone.stop();
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { PhoneConnection, type DeviceStream, type PhoneHost, type StreamHandler } from './phone-connection';
import { PhoneStorage, defaultFaults, type PhoneFaults } from './phone-storage';
import { runShell, type ShellContext } from './phone-shell';
import { SyncSession } from './sync-service';
import { ReverseService } from './reverse-service';

export interface EmulatedPhoneOptions {
  model?: string;
  product?: string;
  device?: string;
  /** "none": no AUTH; "accept": the user taps Allow; "refuse": the prompt is never answered. */
  auth?: 'none' | 'accept' | 'refuse';
  /** Feature list in the CNXN banner; none by default, so adb uses plain `shell:`. */
  features?: string[];
  /** Fixed port (e.g. to re-plug on the same serial); 0 picks a free one. */
  port?: number;
  /** Folder holding the phone's files; a temp folder (removed on stop) by default. */
  storageDir?: string;
  faults?: Partial<PhoneFaults>;
  /** Extra system properties for `getprop`. */
  props?: Record<string, string>;
  /** Print protocol events to stderr. */
  verbose?: boolean;
}

export class EmulatedPhone implements PhoneHost {
  readonly storage: PhoneStorage;
  readonly faults: PhoneFaults;
  readonly trustedKeys: KeyObject[] = [];
  readonly amLog: string[][] = [];
  readonly shellLog: string[] = [];
  readonly syncSends: string[] = [];
  readonly events: string[] = [];
  readonly props: Record<string, string>;
  readonly reverse: ReverseService;
  authMode: 'none' | 'accept' | 'refuse';
  private server: net.Server | null = null;
  private readonly connections = new Set<PhoneConnection>();
  private readonly ownsStorage: boolean;
  private boundPort = 0;
  private droppedCounter = 0;

  private constructor(private readonly opts: EmulatedPhoneOptions) {
    this.ownsStorage = !opts.storageDir;
    const root = opts.storageDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-phone-'));
    this.faults = { ...defaultFaults(), ...opts.faults };
    this.storage = new PhoneStorage(root, this.faults);
    this.authMode = opts.auth ?? 'none';
    this.props = {
      'ro.product.model': this.model,
      'ro.product.name': opts.product ?? 'magritte_phone',
      'ro.product.device': opts.device ?? 'emu',
      'ro.build.version.release': '14',
      'ro.build.version.sdk': '34',
      'ro.serialno': 'EMU0001',
      ...opts.props,
    };
    this.reverse = new ReverseService((line) => this.log(line));
  }

  static async start(opts: EmulatedPhoneOptions = {}): Promise<EmulatedPhone> {
    const phone = new EmulatedPhone(opts);
    await phone.listen(opts.port ?? 0);
    return phone;
  }

  get model(): string {
    return this.opts.model ?? 'Magritte Test Phone';
  }

  get port(): number {
    return this.boundPort;
  }

  /** The serial the adb server gives a TCP-connected device. */
  get serial(): string {
    return `127.0.0.1:${this.boundPort}`;
  }

  get root(): string {
    return this.storage.root;
  }

  get plugged(): boolean {
    return this.server !== null;
  }

  /** The CNXN identity: "device::" + properties + features, as adbd sends it. */
  get banner(): string {
    const p = this.props;
    const features = (this.opts.features ?? []).join(',');
    return (
      `device::ro.product.name=${p['ro.product.name']};ro.product.model=${p['ro.product.model']};` +
      `ro.product.device=${p['ro.product.device']};features=${features}`
    );
  }

  countIncoming(bytes: number): boolean {
    if (this.faults.dropAfterBytes === null) return false;
    this.droppedCounter += bytes;
    return this.droppedCounter >= this.faults.dropAfterBytes;
  }

  /** Arms the "pulled cable" fault: the connection drops once `bytes` more arrive from the host. */
  dropAfter(bytes: number | null): void {
    this.faults.dropAfterBytes = bytes;
    this.droppedCounter = 0;
  }

  onDrop(): void {
    this.log(`cable pulled after ${this.droppedCounter} bytes`);
    // One drop per arming: a re-plugged phone behaves again.
    this.dropAfter(null);
    void this.unplug();
  }

  log(event: string): void {
    this.events.push(event);
    if (this.opts.verbose) process.stderr.write(`[phone ${this.boundPort}] ${event}\n`);
  }

  openService(service: string, stream: DeviceStream, conn: PhoneConnection): StreamHandler | null {
    this.log(`OPEN ${service}`);
    // Only the plain shell: "shell,v2:" framing is never asked for, as the banner offers no shell_v2.
    const shellCmd = /^(?:shell|exec):(.*)$/s.exec(service);
    if (shellCmd) {
      const ctx: ShellContext = { storage: this.storage, props: this.props, amLog: this.amLog, shellLog: this.shellLog };
      queueMicrotask(() => {
        stream.write(Buffer.from(runShell(ctx, shellCmd[1]), 'utf8'));
        stream.close();
      });
      return { onData: () => undefined, onClose: () => undefined };
    }
    if (service === 'sync:') {
      const session = new SyncSession(this.storage, stream, (p) => this.syncSends.push(p));
      return { onData: (d) => session.onData(d), onClose: () => session.onClose() };
    }
    if (service.startsWith('reverse:')) return this.reverse.handle(service.slice('reverse:'.length), stream, conn);
    return null;
  }

  /** Where a device path is stored on this machine. */
  hostPath(devicePath: string): string {
    return this.storage.hostPath(devicePath);
  }

  exists(devicePath: string): boolean {
    return fs.existsSync(this.hostPath(devicePath));
  }

  readFile(devicePath: string): Buffer {
    return fs.readFileSync(this.hostPath(devicePath));
  }

  writeFile(devicePath: string, data: Buffer | string): void {
    const host = this.hostPath(devicePath);
    fs.mkdirSync(path.dirname(host), { recursive: true });
    fs.writeFileSync(host, data);
  }

  listDir(devicePath: string): string[] {
    const host = this.hostPath(devicePath);
    return fs.existsSync(host) ? fs.readdirSync(host).sort() : [];
  }

  /** Host port standing for the phone's localhost:<port> after `adb reverse tcp:<port> ...`. */
  reversePort(port: number): number | null {
    return this.reverse.rules.get(`tcp:${port}`)?.phonePort ?? null;
  }

  /** The user taps Allow on a pending USB debugging prompt. */
  tapAllow(): void {
    this.authMode = 'accept';
    for (const c of this.connections) c.approve();
  }

  /** Pull the cable: close every connection and stop listening. */
  async unplug(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const c of this.connections) c.socket.destroy();
    this.connections.clear();
    this.reverse.closeAll();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Plug back in on the same port (same serial). */
  async replug(): Promise<void> {
    if (!this.server) await this.listen(this.boundPort);
  }

  async stop(): Promise<void> {
    await this.unplug();
    if (this.ownsStorage) fs.rmSync(this.storage.root, { recursive: true, force: true });
  }

  private listen(port: number): Promise<void> {
    const server = net.createServer((socket) => {
      const conn = new PhoneConnection(socket, this);
      this.connections.add(conn);
      socket.on('close', () => this.connections.delete(conn));
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.server = server;
        this.boundPort = (server.address() as net.AddressInfo).port;
        this.log(`listening on ${this.serial}`);
        resolve();
      });
    });
  }
}
