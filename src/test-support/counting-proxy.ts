/**
 * A pass-through HTTP proxy on 127.0.0.1 in front of a local server (the studio's phone page), that
 * logs every request reaching it: what a phone's page and its service worker really fetched from
 * the studio, as opposed to what came from the phone's own caches.
 */
import http from 'node:http';

export interface ProxiedRequest {
  path: string;
  status: number;
  /** Body bytes sent back (0 for a 304). */
  bytes: number;
}

export interface CountingProxy {
  port: number;
  /** Every finished request, in the order they finished; clear it with `log.length = 0`. */
  log: ProxiedRequest[];
  close(): Promise<void>;
}

export function startCountingProxy(targetPort: number): Promise<CountingProxy> {
  const log: ProxiedRequest[] = [];
  const server = http.createServer((req, res) => {
    const upstream = http.request({ host: '127.0.0.1', port: targetPort, path: req.url, method: req.method, headers: req.headers }, (up) => {
      let bytes = 0;
      up.on('data', (c: Buffer) => (bytes += c.length));
      up.on('end', () => log.push({ path: req.url ?? '', status: up.statusCode ?? 0, bytes }));
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    // The studio gone (stopped on purpose by a test): the phone sees the connection drop.
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as { port: number }).port,
        log,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}
