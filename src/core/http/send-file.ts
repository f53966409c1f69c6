/** Sends one file over node:http: shared by the browser host's page files and the phone page server. */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeForPath } from './content-types';

/**
 * Answers 200 with a file whose size is known: its type by extension, and `immutable` (a year's
 * caching) for content-hashed names, else the browser checks again each time. HEAD gets the headers
 * only. Resolves once the file is sent; a read that fails half-way drops the connection.
 */
export async function sendFileBody(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  size: number,
  opts: { headers: Record<string, string>; immutable: boolean },
): Promise<void> {
  res.writeHead(200, {
    ...opts.headers,
    'Content-Type': contentTypeForPath(file),
    'Content-Length': String(size),
    'Cache-Control': opts.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((resolve) => {
    const stream = fs.createReadStream(file);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    stream.on('end', () => resolve());
    stream.pipe(res);
  });
}
