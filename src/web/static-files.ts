import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendFileBody } from '../core/http/send-file';
import { realFileInside } from '../core/fs/safe-path';
import { SECURITY_HEADERS } from './csp';

/** Serves the built renderer; unknown paths get index.html so the app can route them itself. */
export function createStaticHandler(root: string) {
  const rootResolved = path.resolve(root);
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      rel = '/';
    }
    // The real path must stay in the built renderer; anything else (missing, a folder, a link out) is a page route.
    const file =
      (await realFileInside(rootResolved, path.join(rootResolved, path.posix.normalize(rel)))) ??
      (await realFileInside(rootResolved, path.join(rootResolved, 'index.html')));
    const stat = file ? await fs.promises.stat(file).catch(() => null) : null;
    if (!file || !stat) {
      res.writeHead(503, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('The studio window has not been built yet. Run "npm run build", then start the server again.');
      return;
    }
    // Built assets carry a content hash in their name; index.html must always be fresh.
    const hashed = file.includes(`${path.sep}assets${path.sep}`);
    await sendFileBody(req, res, file, stat.size, { headers: SECURITY_HEADERS, immutable: hashed });
  };
}
