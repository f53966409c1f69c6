/**
 * A slow USB cable for the Phones screen's tests: a TCP relay between the adb server and an
 * emulated phone that lets host-to-phone bytes through at a set rate, so a push lasts long enough
 * to be seen (and photographed) in progress. The adb server attaches to the relay's port instead
 * of the phone's; the phone's serial is then 127.0.0.1:<relay port>.
 */
import net from 'node:net';

export interface SlowCable {
  port: number;
  serial: string;
  close(): Promise<void>;
}

export async function slowCable(phonePort: number, bytesPerSecond: number): Promise<SlowCable> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((host) => {
    const phone = net.connect(phonePort, '127.0.0.1');
    sockets.add(host).add(phone);
    host.on('data', (chunk: Buffer) => {
      phone.write(chunk);
      // Hold further bytes from the host for as long as these take on a cable of this speed.
      host.pause();
      setTimeout(() => host.resume(), Math.ceil((1000 * chunk.length) / bytesPerSecond));
    });
    phone.on('data', (chunk: Buffer) => host.write(chunk));
    const end = () => {
      host.destroy();
      phone.destroy();
      sockets.delete(host);
      sockets.delete(phone);
    };
    host.on('close', end).on('error', end);
    phone.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    serial: `127.0.0.1:${port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
