/**
 * A hostile-project corpus, built here: project folders whose own entries are symbolic links (as
 * `unzip` keeps them) or the wrong kind. Each case checks that a folder outside the project, made
 * before the test, is byte for byte what it was, and that the refusal names the entry.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/errors';
import { createStudioCore, type StudioCore } from '../index';
import { openDatabase } from './open-database';
import { blobPath, thumbPath } from './paths';
import { ProjectStore } from './project-store';
import { sweepProject } from './sweep';
import { FRUITS, runImport, tempDir } from '../../test-support/test-core';

let tmp: string;
let outside: string;
let project: string;
let core: StudioCore;
let shas: string[];
let before: Record<string, string>;

/** Every file and folder under `dir` with a hash of its bytes ('dir' / 'link -> x' for the others). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, name);
    const st = fs.lstatSync(p);
    out[name] = st.isSymbolicLink()
      ? `link -> ${fs.readlinkSync(p)}`
      : st.isDirectory()
        ? 'dir'
        : createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

beforeEach(async () => {
  tmp = tempDir('magritte-hostile-');
  outside = path.join(tmp, 'outside');
  fs.mkdirSync(path.join(outside, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(outside, 'keep.txt'), 'a teacher file that must survive');
  fs.writeFileSync(
    path.join(outside, 'sub', 'photo.jpg'),
    fs.readFileSync(path.join(FRUITS, 'Apple', fs.readdirSync(path.join(FRUITS, 'Apple'))[0])),
  );
  core = createStudioCore({ dataDir: path.join(tmp, 'data'), projectsDir: tmp });
  project = (await core.api.createProject({ name: 'Hostile', languages: ['en'] })).dir;
  const deck = await core.api.createDeck({ name: 'Fruits' });
  const cls = await core.api.createClass({ deckId: deck.id, key: 'apple' });
  const files = fs
    .readdirSync(path.join(FRUITS, 'Apple'))
    .slice(1, 3)
    .map((f) => ({ path: path.join(FRUITS, 'Apple', f) }));
  await runImport(core, { deckId: deck.id, classId: cls.id, sources: files });
  shas = (await core.api.listPhotos({ deckId: deck.id })).map((p) => p.sha256);
  await core.api.closeProject();
  before = snapshot(outside);
  expect(Object.keys(before).sort()).toEqual(['keep.txt', 'sub', path.join('sub', 'photo.jpg')]);
});
afterEach(async () => {
  await core.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Replaces the project's entry `name` with a symbolic link to `target`. */
function plantLink(name: string, target: string): void {
  fs.rmSync(path.join(project, name), { recursive: true, force: true });
  fs.symlinkSync(target, path.join(project, name));
}

async function openFails(): Promise<StudioError> {
  const e = await core.api.openProject({ dir: project }).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StudioError);
  return e as StudioError;
}

function outsideIntact(): void {
  expect(snapshot(outside)).toEqual(before);
}

describe('opening a hostile project folder', () => {
  it.each(['tmp', 'blobs', 'thumbs', 'exports'])('refuses a project whose %s folder is a link, touching nothing outside', async (name) => {
    // Leftover-looking files where the sweep would delete them if it followed the link.
    fs.writeFileSync(path.join(outside, 'abc.partial'), 'x');
    fs.mkdirSync(path.join(outside, '.old.partial-1234abcd'));
    fs.mkdirSync(path.join(outside, 'ab'));
    before = snapshot(outside);
    plantLink(name, outside);

    const e = await openFails();
    expect(e.code).toBe('PROJECT_UNSAFE');
    expect(e.details).toMatchObject({ entry: name, found: 'link' });
    expect(e.message).toContain(`"${name}"`);
    expect(e.fix).toContain(`"${name}"`);
    outsideIntact();
    expect(core.context.session.current()).toBeNull();
  });

  it('refuses a project whose tmp is a link, and opens once the link is deleted as the fix says', async () => {
    plantLink('tmp', outside);
    const e = await openFails();
    expect(e.fix).toMatch(/Delete the link named "tmp".*makes a new empty one/);
    fs.unlinkSync(path.join(project, 'tmp'));
    await core.api.openProject({ dir: project });
    expect(fs.lstatSync(path.join(project, 'tmp')).isDirectory()).toBe(true);
    expect((await core.api.listDecks())[0].photoCount).toBe(2);
    outsideIntact();
  });

  it('refuses a lock that is a link, and never writes through it', async () => {
    plantLink('lock', path.join(outside, 'keep.txt'));
    const e = await openFails();
    expect(e.details).toMatchObject({ entry: 'lock', found: 'link' });
    expect(e.message).toContain('"lock"');
    outsideIntact();
    expect(fs.lstatSync(path.join(project, 'lock')).isSymbolicLink()).toBe(true);
  });

  it('refuses a project.db that is a link to a database elsewhere, without opening it', async () => {
    const elsewhere = path.join(outside, 'project.db');
    fs.renameSync(path.join(project, 'project.db'), elsewhere);
    fs.symlinkSync(elsewhere, path.join(project, 'project.db'));
    before = snapshot(outside);
    const e = await openFails();
    expect(e.details).toMatchObject({ entry: 'project.db', found: 'link' });
    expect(e.message).toContain('"project.db"');
    outsideIntact();
  });

  it.each(['project.db-wal', 'project.db-shm'])('refuses a %s that is a link', async (name) => {
    plantLink(name, path.join(outside, 'keep.txt'));
    const e = await openFails();
    expect(e.details).toMatchObject({ entry: name, found: 'link' });
    outsideIntact();
  });

  it('refuses a tmp that is a file instead of a folder, naming it', async () => {
    plantLink('tmp', outside);
    fs.unlinkSync(path.join(project, 'tmp'));
    fs.writeFileSync(path.join(project, 'tmp'), 'not a folder');
    const e = await openFails();
    expect(e.details).toMatchObject({ entry: 'tmp', found: 'file' });
    expect(fs.readFileSync(path.join(project, 'tmp'), 'utf8')).toBe('not a folder');
  });

  it('refuses a photo row whose blob is a link, reading nothing through it; the fix drops just that photo', async () => {
    const blob = blobPath(project, shas[0]);
    fs.rmSync(blob);
    fs.symlinkSync(path.join(outside, 'sub', 'photo.jpg'), blob);
    const e = await openFails();
    const entry = `blobs/${shas[0].slice(0, 2)}/${shas[0]}`;
    expect(e.code).toBe('PROJECT_UNSAFE');
    expect(e.details).toMatchObject({ entry, found: 'link' });
    expect(e.message).toContain(entry);
    outsideIntact();
    // Refusing changed nothing saved: both rows are still there.
    const db = new Database(path.join(project, 'project.db'), { readonly: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM photos').get() as { n: number }).n).toBe(2);
    db.close();

    fs.unlinkSync(blob);
    await core.api.openProject({ dir: project });
    expect(core.context.session.require().sweepReport).toMatchObject({ rowsWithoutBlob: 1 });
    expect((await core.api.listDecks())[0].photoCount).toBe(1);
    outsideIntact();
  });

  it('refuses a blob shard folder that is a link', async () => {
    const shard = path.dirname(blobPath(project, shas[0]));
    fs.renameSync(shard, path.join(outside, 'shard'));
    fs.symlinkSync(path.join(outside, 'shard'), shard);
    before = snapshot(outside);
    const e = await openFails();
    expect(e.details).toMatchObject({ entry: `blobs/${shas[0].slice(0, 2)}`, found: 'link' });
    outsideIntact();
  });

  it('repairs a thumbnail that is a link: removes the link itself and rebuilds a real thumbnail', async () => {
    const thumb = thumbPath(project, shas[0]);
    fs.rmSync(thumb);
    fs.symlinkSync(path.join(outside, 'keep.txt'), thumb);
    // An orphan link in blobs (no row points at it) goes as a link too.
    const stray = blobPath(project, 'cd'.repeat(32));
    fs.mkdirSync(path.dirname(stray), { recursive: true });
    fs.symlinkSync(path.join(outside, 'sub'), stray);
    await core.api.openProject({ dir: project });
    expect(core.context.session.require().sweepReport).toMatchObject({ thumbsRebuilt: 1, orphanBlobs: 1 });
    expect(fs.lstatSync(thumb).isFile()).toBe(true);
    expect(fs.existsSync(stray)).toBe(false);
    outsideIntact();
  });

  it('opens a project reached through a link to the folder itself, by its real path', async () => {
    const shortcut = path.join(tmp, 'Shortcut.magritte');
    fs.symlinkSync(project, shortcut);
    const info = await core.api.openProject({ dir: shortcut });
    expect(info.dir).toBe(fs.realpathSync(project));
    expect(fs.lstatSync(path.join(project, 'lock')).isFile()).toBe(true);
  });
});

describe('the sweep on its own never follows a link (defence behind the open-time check)', () => {
  it.each(['tmp', 'blobs', 'thumbs', 'exports'])('refuses a linked %s folder', async (name) => {
    fs.writeFileSync(path.join(outside, 'abc.partial'), 'x');
    fs.mkdirSync(path.join(outside, '.old.partial-1234abcd'));
    fs.mkdirSync(path.join(outside, 'ab'));
    before = snapshot(outside);
    plantLink(name, outside);
    const db = openDatabase(path.join(project, 'project.db'), { create: false });
    try {
      await expect(sweepProject(db, fs.realpathSync(project))).rejects.toMatchObject({ code: 'PROJECT_UNSAFE', details: { entry: name } });
    } finally {
      db.close();
    }
    outsideIntact();
  });
});

describe('writes into an open project', () => {
  it('refuses to import into a blobs folder that became a link while the project was open', async () => {
    await core.api.openProject({ dir: project });
    const store = core.context.session.require();
    plantLink('blobs', outside);
    const deck = (await core.api.listDecks())[0];
    const cls = (await core.api.listClasses({ deckId: deck.id }))[0];
    const photo = path.join(FRUITS, 'Orange', fs.readdirSync(path.join(FRUITS, 'Orange'))[0]);
    const report = await runImport(core, { deckId: deck.id, classId: cls.id, sources: [{ path: photo }] });
    expect(report.imported).toBe(0);
    expect(report.refused).toHaveLength(1);
    expect(report.refused[0]).toMatchObject({ code: 'PROJECT_UNSAFE' });
    expect(report.refused[0].reason).toContain('"blobs"');
    outsideIntact();
    expect(store.isOpen).toBe(true);
  });

  it('ProjectStore.open refuses as well (the store, not only the API)', async () => {
    plantLink('thumbs', outside);
    await expect(ProjectStore.open(project)).rejects.toMatchObject({ code: 'PROJECT_UNSAFE', details: { entry: 'thumbs' } });
    outsideIntact();
  });
});
