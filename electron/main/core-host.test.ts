import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudioCore, type StudioCore } from '../../src/core/index';
import type { Envelope } from '../../src/shared/envelope';
import type { Photo } from '../../src/shared/domain';
import { CoreHost, type CoreChild, type SpawnCore } from './core-host';
import { serveCore, type ParentPortLike } from './core-server';
import { resolveAppFile } from './protocol-paths';
import { imageContentType } from '../../src/core/http/content-types';

const FRUITS = path.resolve('../shared/data/fruits');

/**
 * Runs the real core behind serveCore in this process, joined to the host by a channel that
 * structured-clones every message both ways, as Electron's utilityProcess port does.
 */
function inProcessSpawner(dataDir: string, projectsDir: string) {
  const cores: StudioCore[] = [];
  const children: CoreChild[] = [];
  const spawn: SpawnCore = () => {
    const core = createStudioCore({ dataDir, projectsDir });
    cores.push(core);
    let dead = false;
    let toHost: (message: unknown) => void = () => {};
    let toCore: (event: { data: unknown }) => void = () => {};
    let onExit: (code: number) => void = () => {};
    const port: ParentPortLike = {
      postMessage: (message) => {
        const copy = structuredClone(message);
        setImmediate(() => !dead && toHost(copy));
      },
      on: (_event, listener) => (toCore = listener),
    };
    void serveCore(port, core).then(() => {
      dead = true;
      setImmediate(() => onExit(0));
    });
    const child: CoreChild = {
      postMessage: (message) => {
        const copy = structuredClone(message);
        setImmediate(() => !dead && toCore({ data: copy }));
      },
      onMessage: (listener) => (toHost = listener),
      onExit: (listener) => (onExit = listener),
      // Like SIGKILL: the process vanishes; the OS releases its files (here: close the core).
      kill: () => {
        dead = true;
        void core.close().then(() => onExit(137));
      },
    };
    children.push(child);
    return child;
  };
  return { spawn, cores, children };
}

let tmp: string;
let host: CoreHost;
let spawner: ReturnType<typeof inProcessSpawner>;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-host-'));
  spawner = inProcessSpawner(path.join(tmp, 'data'), path.join(tmp, 'projects'));
  host = new CoreHost(spawner.spawn);
  host.start();
});

afterEach(async () => {
  await host.stop(2000);
  fs.rmSync(tmp, { recursive: true, force: true });
});

function call(id: number, name: string, payload: unknown = null): Envelope {
  return { kind: 'call', id, name, payload };
}

function firstPhotos(className: string, count: number): string[] {
  const dir = path.join(FRUITS, className);
  return fs
    .readdirSync(dir)
    .filter((f) => /\.jpe?g$/i.test(f))
    .sort()
    .slice(0, count)
    .map((f) => path.join(dir, f));
}

describe('CoreHost with the real core behind serveCore', () => {
  it('lets only the main process choose adb: a renderer call of that name is unknown to the core', async () => {
    const notAdb = path.join(tmp, 'not-adb');
    fs.writeFileSync(notAdb, `#!/bin/sh\necho ran >> "${notAdb}.ran"\necho hello\n`, { mode: 0o755 });
    const fromPage = await host.forward(call(2, 'chooseAdbProgram', notAdb));
    expect(fromPage).toMatchObject({ kind: 'error', payload: { code: 'INVALID_ARGUMENT' } });
    expect(fs.existsSync(`${notAdb}.ran`)).toBe(false);
    // The main process's own call reaches the check, which refuses a program that is not adb.
    await expect(host.chooseAdbProgram(notAdb)).rejects.toMatchObject({ code: 'ADB_INVALID' });
    expect(fs.existsSync(`${notAdb}.ran`)).toBe(true);
    const settings = await host.forward(call(3, 'getDeviceSettings'));
    expect(settings).toMatchObject({ kind: 'reply', payload: { adbPath: null } });
  });

  it('answers each call under the id its caller gave', async () => {
    const [a, b] = await Promise.all([host.forward(call(1, 'getAppInfo')), host.forward(call(1, 'listDecks'))]);
    expect(a).toMatchObject({ kind: 'reply', id: 1, name: 'getAppInfo' });
    // No project is open: a StudioError the UI can show, not a crash.
    expect(b).toMatchObject({ kind: 'error', id: 1, name: 'listDecks', payload: { code: 'NO_PROJECT_OPEN' } });
  });

  it('refuses unknown methods with a plain-language error', async () => {
    const answer = await host.forward(call(5, 'deleteEverything'));
    expect(answer).toMatchObject({ kind: 'error', id: 5, payload: { code: 'INVALID_ARGUMENT' } });
  });

  it('learns the open project folder from the core, and forgets it on close', async () => {
    const seen: Array<string | null> = [];
    host.onProjectChange((dir) => seen.push(dir));
    const info = await host.call('createProject', { name: 'Fruits', languages: ['en', 'fr', 'es'] });
    expect(host.projectDir).toBe(info.dir);
    expect(fs.existsSync(path.join(info.dir, 'project.db'))).toBe(true);
    await host.call('closeProject', undefined);
    expect(host.projectDir).toBeNull();
    expect(seen).toEqual([info.dir, null]);
  });

  it('forwards job events and serves the imported photos over app://media', async () => {
    const events: Envelope[] = [];
    host.onEvent((e) => events.push(e));
    const info = await host.call('createProject', { name: 'Fruits', languages: ['en', 'fr'] });
    const deck = await host.call('createDeck', { name: 'Fruits' });
    const apple = await host.call('createClass', { deckId: deck.id, key: 'apple', words: { en: 'apple', fr: 'pomme' } });
    const { jobId } = await host.call('startImport', {
      deckId: deck.id,
      classId: apple.id,
      sources: firstPhotos('Apple', 3).map((p) => ({ path: p })),
    });
    await expect.poll(() => events.some((e) => e.name === 'job.finished'), { timeout: 60_000 }).toBe(true);
    const finished = events.find((e) => e.name === 'job.finished')!;
    expect(finished).toMatchObject({ kind: 'event', id: 0, payload: { jobId, result: { imported: 3 } } });

    const photos: Photo[] = await host.call('listPhotos', { deckId: deck.id });
    expect(photos).toHaveLength(3);
    const roots = { rendererDir: path.join(tmp, 'none'), projectDir: host.projectDir };
    const thumb = await resolveAppFile(`app://media/thumbs/${photos[0].sha256}.webp`, roots);
    expect(thumb).toMatchObject({ ok: true, kind: 'thumb' });
    const blob = await resolveAppFile(`app://media/blobs/${photos[0].sha256}`, roots);
    expect(blob.ok).toBe(true);
    if (blob.ok) {
      expect(blob.file.startsWith(fs.realpathSync(info.dir))).toBe(true);
      expect(imageContentType(fs.readFileSync(blob.file).subarray(0, 16))).toBe('image/jpeg');
    }
  });

  it('restarts a core that dies, fails the calls in flight, and reopens the project', async () => {
    const info = await host.call('createProject', { name: 'Crashy', languages: ['en', 'es'] });
    const restarted = new Promise<void>((resolve) => host.onRestart(resolve));
    const inFlight = host.forward(call(42, 'getAppInfo'));
    spawner.children[0].kill();
    const answer = await inFlight;
    // Either it was answered before the kill, or it fails with a message a teacher can act on.
    if (answer.kind === 'error') {
      expect(answer).toMatchObject({ id: 42, name: 'getAppInfo', payload: { code: 'INTERNAL' } });
      expect((answer.payload as { fix: string }).fix).toMatch(/saved/);
    }
    await restarted;
    expect(spawner.cores).toHaveLength(2);
    expect(host.projectDir).toBe(info.dir);
    const appInfo = await host.call('getAppInfo', undefined);
    expect(appInfo.project?.dir).toBe(info.dir);
  });

  it('shuts the core down cleanly on stop, closing the project', async () => {
    const info = await host.call('createProject', { name: 'Closing', languages: ['en', 'fr'] });
    await host.stop(5000);
    // The core released the project: another process (here a fresh core) can open it.
    const other = createStudioCore({ dataDir: path.join(tmp, 'data2'), projectsDir: path.join(tmp, 'projects') });
    await expect(other.api.openProject({ dir: info.dir })).resolves.toMatchObject({ name: 'Closing' });
    await other.close();
    const after = await host.forward(call(9, 'getAppInfo'));
    expect(after).toMatchObject({ kind: 'error', payload: { code: 'INTERNAL' } });
  });
});
