import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedOptions } from '../core/options';
import { resolveBaseModelFile } from './base-model-files';
import { SECURITY_HEADERS } from './csp';

/** GET `/base-models/<id>/model.json` and its shards, for the window's TF.js (Test screen, phone page). */
export function createBaseModelHandler(options: Pick<ResolvedOptions, 'modelCacheDir' | 'modelsPath'>) {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    const found = await resolveBaseModelFile(pathname, options);
    if (!found.ok) {
      res.writeHead(found.status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(found.reason);
      return;
    }
    const stat = await fs.promises.stat(found.file);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': found.contentType,
      'Content-Length': String(stat.size),
      // A re-imported model may keep its id: always check, the files are local and small.
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(found.file).pipe(res);
  };
}
