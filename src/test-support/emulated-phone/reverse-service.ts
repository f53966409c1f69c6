/**
 * `reverse:` services (AOSP adb/SERVICES.TXT): forward:[norebind:]<remote>;<local>,
 * killforward:<remote>, killforward-all, list-forward. Replies use the host protocol inside the
 * stream ("OKAY", or "FAIL" + 4-hex length + message; list-forward sends only a 4-hex length + text,
 * since adbd leaves the first OKAY to the host).
 *
 * The tunnel is real: for `tcp:X` the phone listens on a free 127.0.0.1 port standing for the
 * phone's own localhost:X, and each connection to it is carried back over adb as an OPEN of
 * "tcp:Y" from the phone to the host, exactly as a phone browser's request would be.
 */
import net from 'node:net';
import type { DeviceStream, PhoneConnection, StreamHandler } from './phone-connection';

export interface ReverseRule {
  remote: string;
  local: string;
  /** Host port standing for the phone's localhost:<remote port>. */
  phonePort: number;
  server: net.Server;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

function reply(stream: DeviceStream, ok: boolean, text?: string): void {
  if (ok) stream.write(Buffer.from('OKAY'));
  else stream.write(Buffer.from('FAIL' + hex4(Buffer.byteLength(text ?? '')) + (text ?? '')));
  stream.close();
}

/** list-forward is answered with the bare length-prefixed list: the "OKAY" before it comes from the host. */
function replyList(stream: DeviceStream, text: string): void {
  stream.write(Buffer.from(hex4(Buffer.byteLength(text)) + text));
  stream.close();
}

export class ReverseService {
  readonly rules = new Map<string, ReverseRule>();

  constructor(private readonly log: (line: string) => void) {}

  handle(request: string, stream: DeviceStream, conn: PhoneConnection): StreamHandler {
    const handler: StreamHandler = { onData: () => undefined, onClose: () => undefined };
    queueMicrotask(() => {
      this.run(request, stream, conn).catch((e: Error) => reply(stream, false, e.message));
    });
    return handler;
  }

  closeAll(): void {
    for (const r of this.rules.values()) r.server.close();
    this.rules.clear();
  }

  private async run(request: string, stream: DeviceStream, conn: PhoneConnection): Promise<void> {
    this.log(`reverse:${request}`);
    if (request === 'list-forward') {
      const text = [...this.rules.values()].map((r) => `UsbFfs ${r.remote} ${r.local}\n`).join('');
      return replyList(stream, text);
    }
    if (request === 'killforward-all') {
      this.closeAll();
      return reply(stream, true);
    }
    if (request.startsWith('killforward:')) {
      const remote = request.slice('killforward:'.length);
      const rule = this.rules.get(remote);
      if (!rule) return reply(stream, false, `listener '${remote}' not found`);
      rule.server.close();
      this.rules.delete(remote);
      return reply(stream, true);
    }
    if (request.startsWith('forward:')) {
      let spec = request.slice('forward:'.length);
      const noRebind = spec.startsWith('norebind:');
      if (noRebind) spec = spec.slice('norebind:'.length);
      const [remote, local] = spec.split(';');
      if (!remote?.startsWith('tcp:') || !local?.startsWith('tcp:')) {
        return reply(stream, false, `cannot bind listener: unsupported '${spec}'`);
      }
      const existing = this.rules.get(remote);
      if (existing && noRebind) return reply(stream, false, `cannot rebind existing socket`);
      existing?.server.close();
      const server = await this.listen(conn, local);
      const phonePort = (server.address() as net.AddressInfo).port;
      this.rules.set(remote, { remote, local, phonePort, server });
      this.log(`reverse ${remote} -> host ${local}; the phone's localhost is 127.0.0.1:${phonePort}`);
      return reply(stream, true);
    }
    reply(stream, false, `unknown reverse request '${request}'`);
  }

  private listen(conn: PhoneConnection, local: string): Promise<net.Server> {
    const server = net.createServer((socket) => {
      socket.on('error', () => undefined);
      const tunnel = conn.openToHost(local, () => ({
        onData: (data) => socket.write(data),
        onClose: () => socket.end(),
      }));
      socket.on('data', (data: Buffer) => tunnel.write(data));
      socket.on('end', () => tunnel.close());
      socket.on('close', () => tunnel.close());
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
  }
}
