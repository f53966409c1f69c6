import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { projectPaths } from '../core/store/paths';
import { entryKind, realFileInside } from '../core/fs/safe-path';
import { SECURITY_HEADERS } from './csp';

/** The URL path the browser downloads an export's zip from: `/exports/<export folder>/<name>.zip`. */
export const EXPORT_ZIP_PREFIX = '/exports/';

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** One decoded path segment, or null for anything that could step out of its folder or is hidden. */
function safeSegment(raw: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    return null;
  }
  // Hidden names include the `.partial-*` staging folders of exports still being written.
  if (name.length === 0 || name.startsWith('.') || /[/\\\0]/.test(name)) return null;
  return name;
}

/**
 * GET `/exports/<folder>/<name>.zip`: the zip of one export of the open project, as a download (the
 * Export screen's "Download" link in the browser). Only zips directly inside a folder of
 * `<project>/exports` go out; links pointing elsewhere are followed and then refused.
 */
export function createExportZipHandler(projectDir: () => string | null) {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    const parts = pathname.slice(EXPORT_ZIP_PREFIX.length).split('/');
    const [folder, name] = parts.map(safeSegment);
    if (parts.length !== 2 || !folder || !name || !name.toLowerCase().endsWith('.zip')) {
      return refuse(res, 400, 'Not an export zip.');
    }
    const dir = projectDir();
    if (!dir) return refuse(res, 404, 'No project is open.');
    const exportsDir = projectPaths(dir).exports;
    const candidate = path.join(exportsDir, folder, name);
    // The exports folder must be the project's own (not a link to elsewhere), and the zip's real path inside it.
    const file = (await entryKind(exportsDir).catch(() => 'missing')) === 'dir' ? await realFileInside(exportsDir, candidate) : null;
    const stat = file ? await fs.promises.stat(file).catch(() => null) : null;
    if (!file || !stat) {
      const present = (await entryKind(candidate).catch(() => 'missing')) !== 'missing';
      if (present) return refuse(res, 403, 'Only exports of the open project can be downloaded.');
      return refuse(res, 404, 'That export is not in the open project (it may have been moved or deleted).');
    }

    const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/zip',
      'Content-Length': String(stat.size),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file).pipe(res);
  };
}
