/**
 * One TCP connection from the adb server to the emulated phone, seen from the phone:
 * the CNXN/AUTH handshake, then streams (OPEN/OKAY/WRTE/CLSE with local and remote ids and
 * one-packet-in-flight flow control) that are handed to services: shell, sync, reverse.
 */
import net from 'node:net';
import type { KeyObject } from 'node:crypto';
import {
  A_AUTH,
  A_CLSE,
  A_CNXN,
  A_OKAY,
  A_OPEN,
  A_VERSION_SKIP_CHECKSUM,
  A_WRTE,
  AUTH_RSAPUBLICKEY,
  AUTH_SIGNATURE,
  AUTH_TOKEN,
  PacketReader,
  encodePacket,
  type AdbPacket,
} from './adb-packet';
import { newToken, parseAndroidPublicKey, verifyTokenSignature } from './adb-auth-key';
import type { ByteStream } from './sync-service';

/** The phone's largest packet payload (adbd's MAX_PAYLOAD since Android 7). */
export const DEVICE_MAX_PAYLOAD = 256 * 1024;

export interface StreamHandler {
  onData(data: Buffer): void;
  onClose(): void;
}

/** What the connection needs from the phone it belongs to. */
export interface PhoneHost {
  readonly banner: string;
  readonly authMode: 'none' | 'accept' | 'refuse';
  readonly trustedKeys: KeyObject[];
  /** Counts bytes from the host; true means the cable is "pulled" now. */
  countIncoming(bytes: number): boolean;
  onDrop(): void;
  /** Builds the handler for a service the host opened; null refuses it. */
  openService(service: string, stream: DeviceStream, conn: PhoneConnection): StreamHandler | null;
  log(event: string): void;
}

export class DeviceStream implements ByteStream {
  remoteId = 0;
  /** Set once OKAY for the OPEN has been exchanged; nothing may be written before. */
  ready = false;
  handler: StreamHandler | null = null;
  private queue: Buffer[] = [];
  private inFlight = false;
  private closeWhenDrained = false;
  closed = false;

  constructor(
    private readonly conn: PhoneConnection,
    readonly localId: number,
  ) {}

  write(data: Buffer): void {
    if (this.closed || data.length === 0) return;
    const max = this.conn.maxPayload;
    for (let at = 0; at < data.length; at += max) this.queue.push(data.subarray(at, at + max));
    this.flush();
  }

  close(): void {
    if (this.closed) return;
    this.closeWhenDrained = true;
    this.flush();
  }

  /** The host acknowledged our last WRTE, or accepted the OPEN we sent (giving its id). */
  acknowledged(hostId: number): void {
    if (!this.ready) {
      this.remoteId = hostId;
      this.ready = true;
    }
    this.inFlight = false;
    this.flush();
  }

  flush(): void {
    if (this.closed || this.inFlight || !this.ready) return;
    const next = this.queue.shift();
    if (next) {
      this.inFlight = true;
      this.conn.send(A_WRTE, this.localId, this.remoteId, next);
    } else if (this.closeWhenDrained) {
      this.closed = true;
      this.conn.send(A_CLSE, this.localId, this.remoteId);
      this.conn.forget(this);
      this.handler?.onClose();
    }
  }

  /** The host closed its end. */
  closedByPeer(): void {
    if (this.closed) return;
    this.closed = true;
    this.conn.forget(this);
    this.handler?.onClose();
  }
}

export class PhoneConnection {
  private readonly reader = new PacketReader(1024 * 1024);
  private readonly streams = new Map<number, DeviceStream>();
  private nextLocalId = 1;
  private token: Buffer | null = null;
  private pendingKey: KeyObject | null = null;
  private hostMaxData = 4096;
  online = false;

  constructor(
    readonly socket: net.Socket,
    private readonly phone: PhoneHost,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onBytes(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      for (const s of [...this.streams.values()]) s.closedByPeer();
    });
  }

  get maxPayload(): number {
    return Math.min(this.hostMaxData, DEVICE_MAX_PAYLOAD);
  }

  /** True while the host waits for the user to tap Allow. */
  get awaitingApproval(): boolean {
    return this.pendingKey !== null && !this.online;
  }

  send(command: number, arg0: number, arg1: number, data?: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(encodePacket(command, arg0, arg1, data));
  }

  forget(stream: DeviceStream): void {
    this.streams.delete(stream.localId);
  }

  /** The user tapped Allow: trust the key the host offered and finish connecting. */
  approve(): void {
    if (!this.pendingKey || this.online) return;
    this.phone.trustedKeys.push(this.pendingKey);
    this.pendingKey = null;
    this.goOnline();
  }

  /** Opens a stream from the phone to the host (used by `adb reverse` tunnels). */
  openToHost(service: string, handler: (stream: DeviceStream) => StreamHandler): DeviceStream {
    const stream = new DeviceStream(this, this.nextLocalId++);
    stream.handler = handler(stream);
    this.streams.set(stream.localId, stream);
    this.send(A_OPEN, stream.localId, 0, Buffer.from(service + '\0'));
    return stream;
  }

  private onBytes(chunk: Buffer): void {
    if (this.phone.countIncoming(chunk.length)) {
      this.phone.onDrop();
      return;
    }
    let packets: AdbPacket[];
    try {
      packets = this.reader.push(chunk);
    } catch (e) {
      this.phone.log(`protocol error: ${(e as Error).message}`);
      this.socket.destroy();
      return;
    }
    for (const p of packets) this.onPacket(p);
  }

  private onPacket(p: AdbPacket): void {
    switch (p.command) {
      case A_CNXN:
        this.hostMaxData = p.arg1 || 4096;
        this.phone.log(`CNXN from host (version ${p.arg0.toString(16)}, maxdata ${p.arg1}): ${p.data.toString('utf8').replace(/\0$/, '')}`);
        if (this.phone.authMode === 'none') return this.goOnline();
        return this.sendToken();
      case A_AUTH:
        return this.onAuth(p);
      case A_OPEN:
        return this.onOpen(p);
      case A_OKAY:
        return this.streams.get(p.arg1)?.acknowledged(p.arg0);
      case A_WRTE:
        return this.onWrite(p);
      case A_CLSE:
        return this.onClose(p);
      default:
        this.phone.log(`ignored packet ${p.command.toString(16)}`);
    }
  }

  private sendToken(): void {
    this.token = newToken();
    this.send(A_AUTH, AUTH_TOKEN, 0, this.token);
  }

  private onAuth(p: AdbPacket): void {
    if (this.online) return;
    if (p.arg0 === AUTH_SIGNATURE) {
      const token = this.token;
      const known = this.phone.authMode === 'accept' && token !== null;
      if (known && this.phone.trustedKeys.some((k) => verifyTokenSignature(k, token, p.data))) {
        this.phone.log('AUTH signature verified with a trusted key');
        return this.goOnline();
      }
      // Not a key we trust: ask again, so the host tries its next key or offers its public key.
      return this.sendToken();
    }
    if (p.arg0 === AUTH_RSAPUBLICKEY) {
      this.pendingKey = parseAndroidPublicKey(p.data);
      this.phone.log(`AUTH public key offered (${this.pendingKey ? 'parsed' : 'unreadable'})`);
      // "accept" taps Allow at once; "refuse" leaves the prompt unanswered: the host shows unauthorized.
      if (this.phone.authMode === 'accept') this.approve();
    }
  }

  private goOnline(): void {
    this.online = true;
    this.send(A_CNXN, A_VERSION_SKIP_CHECKSUM, DEVICE_MAX_PAYLOAD, Buffer.from(this.phone.banner + '\0'));
  }

  private onOpen(p: AdbPacket): void {
    const remoteId = p.arg0;
    if (!this.online || remoteId === 0) return this.send(A_CLSE, 0, remoteId);
    const service = p.data.toString('utf8').replace(/\0+$/, '');
    const stream = new DeviceStream(this, this.nextLocalId++);
    stream.remoteId = remoteId;
    this.streams.set(stream.localId, stream);
    const handler = this.phone.openService(service, stream, this);
    if (!handler) {
      this.streams.delete(stream.localId);
      this.phone.log(`refused service ${service}`);
      return this.send(A_CLSE, 0, remoteId);
    }
    stream.handler = handler;
    this.send(A_OKAY, stream.localId, remoteId);
    // Services may have queued output before the OKAY went out; send it now, in order.
    stream.acknowledged(remoteId);
  }

  private onWrite(p: AdbPacket): void {
    const stream = this.streams.get(p.arg1);
    if (!stream || stream.closed) return;
    stream.handler?.onData(p.data);
    if (!stream.closed) this.send(A_OKAY, stream.localId, stream.remoteId);
  }

  private onClose(p: AdbPacket): void {
    const stream = this.streams.get(p.arg1);
    if (stream) stream.closedByPeer();
  }
}
