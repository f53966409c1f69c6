import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/test-core';
import { createExportZipHandler } from './export-zips';

let tmp: string;
let projectDir: string | null;
let server: http.Server;
let port: number;

function get(urlPath: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  tmp = tempDir('magritte-export-zips-');
  projectDir = path.join(tmp, 'Fruits.magritte');
  const exportDir = path.join(projectDir, 'exports', '2025-03-14_101502-Fruits');
  fs.mkdirSync(exportDir, { recursive: true });
  fs.writeFileSync(path.join(exportDir, '2025-03-14_101502-Fruits.zip'), 'PK zip bytes');
  fs.writeFileSync(path.join(exportDir, 'README.md'), '# not a zip');
  fs.writeFileSync(path.join(projectDir, 'project.zip'), 'outside exports');
  fs.mkdirSync(path.join(projectDir, 'exports', '.2025-03-14_103000-Fruits.partial-1a2b3c4d'));
  fs.writeFileSync(path.join(projectDir, 'exports', '.2025-03-14_103000-Fruits.partial-1a2b3c4d', 'half.zip'), 'half');
  // A link inside exports/ that points out of it.
  fs.mkdirSync(path.join(projectDir, 'exports', 'linked'));
  fs.symlinkSync(path.join(projectDir, 'project.zip'), path.join(projectDir, 'exports', 'linked', 'escape.zip'));

  const handle = createExportZipHandler(() => projectDir);
  server = http.createServer((req, res) => void handle(req, res, new URL(req.url ?? '/', 'http://127.0.0.1').pathname));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('export zip downloads', () => {
  it('serves an export zip of the open project as a download', async () => {
    const res = await get('/exports/2025-03-14_101502-Fruits/2025-03-14_101502-Fruits.zip');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain('attachment; filename="2025-03-14_101502-Fruits.zip"');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.body.toString()).toBe('PK zip bytes');
  });

  it('refuses anything outside <project>/exports, hidden folders, other files and escaping links', async () => {
    expect((await get('/exports/..%2Fproject.zip/x.zip')).status).toBe(400);
    expect((await get('/exports/%2E%2E/project.zip')).status).toBe(400);
    expect((await get('/exports/2025-03-14_101502-Fruits/README.md')).status).toBe(400);
    expect((await get('/exports/.2025-03-14_103000-Fruits.partial-1a2b3c4d/half.zip')).status).toBe(400);
    expect((await get('/exports/a/b/c.zip')).status).toBe(400);
    expect((await get('/exports/2025-03-14_101502-Fruits/other.zip')).status).toBe(404);
    const escape = await get('/exports/linked/escape.zip');
    expect(escape.status).toBe(403);
    expect(escape.body.toString()).not.toContain('outside exports');
  });

  it("serves nothing from a project whose exports folder is a link to another project's", async () => {
    // A colleague's project folder, unzipped: its exports/ links to the teacher's other project.
    const hostile = path.join(tmp, 'Hostile.magritte');
    fs.mkdirSync(hostile);
    fs.symlinkSync(path.join(projectDir ?? '', 'exports'), path.join(hostile, 'exports'));
    const open = projectDir;
    projectDir = hostile;
    try {
      const res = await get('/exports/2025-03-14_101502-Fruits/2025-03-14_101502-Fruits.zip');
      expect(res.status).toBe(403);
      expect(res.body.toString()).not.toContain('PK zip bytes');
    } finally {
      projectDir = open;
    }
  });

  it('serves nothing when no project is open', async () => {
    const open = projectDir;
    projectDir = null;
    try {
      expect((await get('/exports/2025-03-14_101502-Fruits/2025-03-14_101502-Fruits.zip')).status).toBe(404);
    } finally {
      projectDir = open;
    }
  });
});
