import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations/index';
import { openDatabase, runMigrations } from './open-database';
import { ProjectStore } from './project-store';
import { tempDir } from '../../test-support/test-core';

describe('opening project.db', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sets WAL, synchronous=FULL and foreign keys on every open, and reads them back', () => {
    const file = path.join(dir, 'project.db');
    for (let i = 0; i < 2; i++) {
      const db = openDatabase(file, { create: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      db.close();
    }
  });

  it('migrates to the newest user_version once, and refuses a database from a newer studio', () => {
    const file = path.join(dir, 'project.db');
    const db = openDatabase(file, { create: true });
    const newest = Math.max(...MIGRATIONS.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(newest);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['project', 'languages', 'decks', 'classes', 'class_words', 'photos']));
    expect(runMigrations(db)).toBe(newest);
    db.pragma(`user_version = ${newest + 1}`);
    db.close();
    expect(() => openDatabase(file, { create: false })).toThrow(/newer version/);
  });

  it('applies only the steps above the stored version', () => {
    const db = new Database(':memory:');
    runMigrations(db, [{ version: 1, name: 'a', sql: 'CREATE TABLE a (x)' }]);
    runMigrations(db, [
      { version: 1, name: 'a', sql: 'CREATE TABLE a (x)' },
      { version: 2, name: 'b', sql: 'CREATE TABLE b (x)' },
    ]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
  });

  it('gives DATABASE_CORRUPT with a fix for a damaged file', async () => {
    const project = path.join(dir, 'Bad.magritte');
    (await ProjectStore.create(project, 'Bad', ['en'])).close();
    const file = path.join(project, 'project.db');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('this is not sqlite at all'), Buffer.alloc(4096, 7)]));
    await expect(ProjectStore.open(project)).rejects.toMatchObject({ code: 'DATABASE_CORRUPT', fix: expect.stringMatching(/backup/) });
  });

  it('gives DATABASE_CORRUPT when pages inside the database are damaged', async () => {
    const project = path.join(dir, 'Torn.magritte');
    const store = await ProjectStore.create(project, 'Torn', ['en']);
    store.db.exec(
      'CREATE TABLE filler (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO filler SELECT randomblob(200) FROM n;',
    );
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const file = path.join(project, 'project.db');
    const bytes = fs.readFileSync(file);
    // Overwrite a stretch in the middle (b-tree pages), keeping the 100-byte header intact.
    bytes.fill(0xff, 8192, 8192 + 4096 * 4);
    fs.writeFileSync(file, bytes);
    await expect(ProjectStore.open(project)).rejects.toMatchObject({ code: 'DATABASE_CORRUPT' });
  });
});
