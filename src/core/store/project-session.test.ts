import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../event-bus';
import { resolveOptions } from '../options';
import { ProjectSession } from './project-session';
import { ProjectStore } from './project-store';
import { tempDir } from '../../test-support/test-core';

describe('ProjectSession', () => {
  let tmp: string;
  let session: ProjectSession;
  beforeEach(() => {
    tmp = tempDir();
    session = new ProjectSession(resolveOptions({ dataDir: path.join(tmp, 'data'), projectsDir: path.join(tmp, 'projects') }), new EventBus());
  });
  afterEach(() => {
    session.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('needs an open project for project work', () => {
    expect(session.current()).toBeNull();
    expect(() => session.require()).toThrow(expect.objectContaining({ code: 'NO_PROJECT_OPEN' }));
  });

  it('creates <name>.magritte with its folders, and opens it again with the same info', async () => {
    const info = await session.create({ name: 'Fruits', languages: ['en', 'fr', 'es'] });
    expect(info.dir).toBe(path.join(tmp, 'projects', 'Fruits.magritte'));
    expect(info).toMatchObject({ name: 'Fruits', sourceLanguage: 'en', targetLanguages: ['fr', 'es'] });
    for (const sub of ['project.db', 'blobs', 'thumbs', 'exports', 'tmp']) expect(fs.existsSync(path.join(info.dir, sub))).toBe(true);
    session.close();
    expect(session.current()).toBeNull();
    const again = await session.open(info.dir);
    expect(again).toEqual(info);
    expect(session.require().dir).toBe(info.dir);
  });

  it('keeps a recent-projects list, newest first, noticing folders that have gone', async () => {
    const a = await session.create({ name: 'A', languages: ['en'] });
    const b = await session.create({ name: 'B', languages: ['en'] });
    await session.open(a.dir);
    expect(session.recent.list().map((r) => r.name)).toEqual(['A', 'B']);
    session.close();
    fs.rmSync(b.dir, { recursive: true });
    expect(session.recent.list().map((r) => [r.name, r.exists])).toEqual([
      ['A', true],
      ['B', false],
    ]);
    expect(fs.readdirSync(path.join(tmp, 'data')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to create over a non-empty folder, to open a folder without a project, and bad names', async () => {
    const info = await session.create({ name: 'Fruits', languages: ['en'] });
    session.close();
    await expect(session.create({ name: 'Fruits', languages: ['en'] })).rejects.toMatchObject({ code: 'PROJECT_EXISTS' });
    await expect(session.open(tmp)).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
    await expect(session.create({ name: '  ', languages: ['en'] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(session.create({ name: 'X', languages: ['not a language'] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((await session.open(path.join(info.dir, 'project.db'))).dir).toBe(info.dir);
  });

  it("refuses a project another live process has open, and takes over a dead one's lock", async () => {
    const info = await session.create({ name: 'Shared', languages: ['en'] });
    await expect(ProjectStore.open(info.dir)).rejects.toMatchObject({ code: 'PROJECT_LOCKED' });
    session.close();
    fs.writeFileSync(path.join(info.dir, 'lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname() }));
    const store = await ProjectStore.open(info.dir);
    store.close();
    expect(fs.existsSync(path.join(info.dir, 'lock'))).toBe(false);
  });

  it('changes languages, keeping words of a dropped language for when it comes back', async () => {
    await session.create({ name: 'L', languages: ['en', 'fr'] });
    const store = session.require();
    expect(store.setLanguages(['en', 'fr', 'es']).targetLanguages).toEqual(['fr', 'es']);
    expect(() => store.setLanguages([])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
