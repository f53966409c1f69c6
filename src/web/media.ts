import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { imageContentType } from '../core/http/content-types';
import { SNIFF_BYTES } from '../core/media/sniff-type';
import { blobPath, isSha256, thumbPath } from '../core/store/paths';
import { READ_NO_FOLLOW, realFileInside } from '../core/fs/safe-path';
import { SECURITY_HEADERS } from './csp';

const ROUTE = /^\/media\/(thumbs|blobs)\/([^/]+)$/;

function notFound(res: ServerResponse, text: string): void {
  res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/**
 * `/media/thumbs/<sha>.webp` and `/media/blobs/<sha>` from the open project. Anything but a bare
 * sha256 is refused before it comes near a path; the file's real path must stay inside the project
 * (a project folder from a colleague may hold a blob that is a link to any file on this computer).
 */
export function createMediaHandler(projectDir: () => string | null) {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    const m = ROUTE.exec(pathname);
    if (!m) return notFound(res, 'No such media.');
    const [, kind, name] = m;
    const sha = kind === 'thumbs' ? name.replace(/\.webp$/, '') : name;
    if (!isSha256(sha) || (kind === 'thumbs' && !name.endsWith('.webp'))) {
      res.writeHead(400, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not a photo id.');
      return;
    }
    const dir = projectDir();
    if (!dir) return notFound(res, 'No project is open.');
    const file = await realFileInside(dir, kind === 'thumbs' ? thumbPath(dir, sha) : blobPath(dir, sha));
    const handle = file ? await fs.promises.open(file, READ_NO_FOLLOW).catch(() => null) : null;
    if (!handle) return notFound(res, 'That photo is not in the open project.');
    try {
      const stat = await handle.stat();
      let type = 'image/webp';
      if (kind === 'blobs') {
        const head = Buffer.alloc(SNIFF_BYTES);
        await handle.read(head, 0, SNIFF_BYTES, 0);
        type = imageContentType(head);
      }
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': type,
        'Content-Length': String(stat.size),
        // Content-addressed: the bytes behind a sha never change.
        'Cache-Control': 'private, max-age=31536000, immutable',
      });
      if (req.method === 'HEAD') {
        res.end();
        await handle.close();
        return;
      }
      const stream = handle.createReadStream({ autoClose: true });
      stream.pipe(res);
    } catch {
      await handle.close().catch(() => undefined);
      if (!res.headersSent) notFound(res, 'That photo could not be read.');
      else res.destroy();
    }
  };
}
