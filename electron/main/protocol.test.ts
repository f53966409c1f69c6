import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Electron cannot run here: capture the handler protocol.ts registers and call it like Electron would.
vi.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged: vi.fn() } }));
const { handleAppScheme } = await import('./protocol');
const { CONTENT_SECURITY_POLICY } = await import('./csp');

type Handler = (request: { url: string; method: string }) => Promise<Response>;
let handler: Handler;
let tmp: string;
const SHA = '0123456789abcdef'.repeat(4);

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-protocol-handler-'));
  const rendererDir = path.join(tmp, 'renderer');
  const projectDir = path.join(tmp, 'Fruits.magritte');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><h1>studio</h1>');
  fs.mkdirSync(path.join(projectDir, 'blobs', '01'), { recursive: true });
  fs.writeFileSync(path.join(projectDir, 'blobs', '01', SHA), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]));
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'private');
  const session = { protocol: { handle: (_scheme: string, h: Handler) => (handler = h) } };
  handleAppScheme(session as never, () => ({ rendererDir, projectDir }));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler({ url, method });

describe('app:// handler', () => {
  it('serves the page with the CSP and nosniff headers', async () => {
    const res = await get('app://studio/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('studio');
  });

  it('serves an original photo with the type its bytes show, locked down and cacheable', async () => {
    const res = await get(`app://media/blobs/${SHA}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(res.headers.get('access-control-allow-origin')).toBe('app://studio');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(new Uint8Array(await res.arrayBuffer()).length).toBe(10);
  });

  it('refuses traversal, unknown media and writes', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect((await get('app://studio/..%2fsecret.txt')).status).toBe(403);
    expect((await get('app://media/blobs/not-a-sha')).status).toBe(400);
    expect((await get(`app://media/thumbs/${SHA}.webp`)).status).toBe(404);
    expect((await get('app://studio/index.html', 'POST')).status).toBe(405);
    warn.mockRestore();
  });

  it('answers HEAD without a body', async () => {
    const res = await get('app://studio/index.html', 'HEAD');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});
