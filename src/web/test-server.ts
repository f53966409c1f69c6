/** For the browser host's tests: one route handler behind a real HTTP server on 127.0.0.1. */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HandlerServer {
  /** "http://127.0.0.1:<port>" */
  base: string;
  close(): Promise<void>;
}

export async function serveHandler(handle: (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>): Promise<HandlerServer> {
  const server = http.createServer((req, res) => void handle(req, res, new URL(req.url ?? '/', 'http://x').pathname));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
