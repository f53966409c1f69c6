/**
 * The few host services we ask the adb server for directly (AOSP adb/SERVICES.TXT): a request is
 * 4 hex digits of length plus the text; the reply is "OKAY" or "FAIL" + 4-hex length + message,
 * and for queries a 4-hex length + payload. Done by hand rather than through adbkit because its
 * `devices -l` parser reads columns by position (wrong for TCP phones and for "no permissions (...)"
 * states), and so that the long-lived track-devices socket can be unref'd.
 */
import net from 'node:net';

export class AdbServerUnreachable extends Error {
  constructor(
    readonly port: number,
    readonly code: string,
  ) {
    super(`no adb server answers on 127.0.0.1:${port} (${code})`);
  }
}

function encodeRequest(service: string): Buffer {
  const body = Buffer.from(service, 'utf8');
  return Buffer.concat([Buffer.from(body.length.toString(16).padStart(4, '0'), 'ascii'), body]);
}

/** Reads length-prefixed messages from a socket after the OKAY. */
class ReplyReader {
  private buf = Buffer.alloc(0);
  private status: 'wait-status' | 'ok' = 'wait-status';

  /** Feeds bytes; returns complete messages, or throws the server's FAIL text. */
  push(chunk: Buffer): string[] {
    this.buf = Buffer.concat([this.buf, chunk]);
    const out: string[] = [];
    for (;;) {
      if (this.status === 'wait-status') {
        if (this.buf.length < 4) return out;
        const status = this.buf.toString('ascii', 0, 4);
        if (status === 'OKAY') {
          this.status = 'ok';
          this.buf = this.buf.subarray(4);
          continue;
        }
        if (status !== 'FAIL') throw new Error(`adb server answered ${JSON.stringify(status)}`);
        const msg = this.readMessage(4);
        if (msg === null) return out;
        throw new Error(msg);
      }
      const msg = this.readMessage(0);
      if (msg === null) return out;
      out.push(msg);
    }
  }

  private readMessage(offset: number): string | null {
    if (this.buf.length < offset + 4) return null;
    const len = parseInt(this.buf.toString('ascii', offset, offset + 4), 16);
    if (Number.isNaN(len)) throw new Error('adb server sent a malformed length');
    if (this.buf.length < offset + 4 + len) return null;
    const text = this.buf.toString('utf8', offset + 4, offset + 4 + len);
    this.buf = this.buf.subarray(offset + 4 + len);
    return text;
  }
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => reject(new AdbServerUnreachable(port, e.code ?? e.message)));
  });
}

/** One request, one length-prefixed answer (host:version, host:devices-l ...). */
export async function hostQuery(port: number, service: string, timeoutMs = 10_000): Promise<string> {
  const socket = await connect(port);
  return new Promise((resolve, reject) => {
    const reader = new ReplyReader();
    const timer = setTimeout(() => finish(new Error(`adb server did not answer ${service}`)), timeoutMs);
    const finish = (err: Error | null, value?: string) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(value ?? '');
    };
    socket.on('data', (chunk: Buffer) => {
      try {
        const msgs = reader.push(chunk);
        if (msgs.length > 0) finish(null, msgs[0]);
      } catch (e) {
        finish(e as Error);
      }
    });
    socket.on('error', (e) => finish(e));
    socket.on('close', () => finish(new Error(`adb server closed the connection during ${service}`)));
    socket.write(encodeRequest(service));
  });
}

/** Requests that answer only OKAY/FAIL and then close (host:kill, host:disconnect ...). */
export async function hostCommand(port: number, service: string): Promise<void> {
  const socket = await connect(port);
  await new Promise<void>((resolve, reject) => {
    const reader = new ReplyReader();
    socket.on('data', (chunk: Buffer) => {
      try {
        reader.push(chunk);
        socket.destroy();
        resolve();
      } catch (e) {
        socket.destroy();
        reject(e as Error);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve());
    socket.write(encodeRequest(service));
  });
}

export interface Subscription {
  close(): void;
}

/**
 * A long-lived stream of messages (host:track-devices). The socket is unref'd so an idle watch
 * never keeps a CLI process alive. `onEnd` runs once when the server goes away.
 */
export async function hostSubscribe(
  port: number,
  service: string,
  onMessage: (text: string) => void,
  onEnd: (err: Error | null) => void,
): Promise<Subscription> {
  const socket = await connect(port);
  socket.unref();
  const reader = new ReplyReader();
  let ended = false;
  const end = (err: Error | null) => {
    if (ended) return;
    ended = true;
    socket.destroy();
    onEnd(err);
  };
  socket.on('data', (chunk: Buffer) => {
    try {
      for (const m of reader.push(chunk)) onMessage(m);
    } catch (e) {
      end(e as Error);
    }
  });
  socket.on('error', (e) => end(e));
  socket.on('close', () => end(null));
  socket.write(encodeRequest(service));
  return {
    close: () => {
      ended = true;
      socket.destroy();
    },
  };
}

export interface DeviceLine {
  serial: string;
  state: string;
  model: string | null;
  product: string | null;
}

/** Parses `host:devices-l`: "serial  state [usb:..] [product:..] [model:..] [device:..] [transport_id:..]". */
export function parseDevicesLong(text: string): DeviceLine[] {
  const out: DeviceLine[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    const [, serial, rest] = m;
    const firstKey = rest.search(/\s(usb|product|model|device|transport_id|features):\S/);
    const state = (firstKey >= 0 ? rest.slice(0, firstKey) : rest).trim();
    const field = (key: string) => new RegExp(`(?:^|\\s)${key}:(\\S+)`).exec(rest)?.[1] ?? null;
    out.push({ serial, state, model: field('model'), product: field('product') });
  }
  return out;
}
