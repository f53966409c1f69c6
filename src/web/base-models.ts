import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBaseModelRoute, resolveBaseModelFile } from '../core/phone-page/base-model-files';
import type { ResolvedOptions } from '../core/options';
import { SECURITY_HEADERS } from './csp';

/**
 * GET `/base-models/<id>/model.json` and the weight files it lists, for the window's TF.js (Test
 * screen). The same check as the phone page's server decides what may go out.
 */
export function createBaseModelHandler(options: Pick<ResolvedOptions, 'modelCacheDir' | 'modelsPath'>) {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    const route = parseBaseModelRoute(pathname);
    const file = route ? resolveBaseModelFile(route.id, route.file, options) : null;
    const stat = file ? await fs.promises.stat(file).catch(() => null) : null;
    if (!file || !stat) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('No such base model file on this computer.');
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': route?.file === 'model.json' ? 'application/json' : 'application/octet-stream',
      'Content-Length': String(stat.size),
      // A re-imported model may keep its id: always check; the files are local.
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file).pipe(res);
  };
}
