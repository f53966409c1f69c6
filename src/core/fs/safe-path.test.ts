import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  UnsafePathError,
  assertNoLinksBelow,
  isInside,
  isPlainFileName,
  joinInside,
  listInside,
  mkdirInside,
  mkdirInsideSync,
  readFileInside,
  readFileInsideSync,
  realFileInside,
  removeInside,
  renameInside,
  unlinkInsideSync,
  writeFileInside,
  writeFileInsideSync,
} from './safe-path';

let tmp: string;
let root: string;
let outside: string;
const SECRET = 'made before the test; must be byte-identical after';

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-path-'));
  root = path.join(tmp, 'root');
  outside = path.join(tmp, 'outside');
  fs.mkdirSync(root);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'keep.txt'), SECRET);
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function outsideIntact(): void {
  expect(fs.readdirSync(outside)).toEqual(['keep.txt']);
  expect(fs.readFileSync(path.join(outside, 'keep.txt'), 'utf8')).toBe(SECRET);
}

describe('plain file names', () => {
  it.each(['../x', '..', '.', 'a/b', 'a\\b', 'C:x', 'a\0b', '', '/etc/passwd'])('refuses %j', (name) => {
    expect(isPlainFileName(name)).toBe(false);
    expect(() => joinInside(root, name)).toThrow(UnsafePathError);
  });
  it.each(['group1-shard1of1.bin', 'model.json', '.hidden', 'a b.bin'])('accepts %j', (name) => {
    expect(isPlainFileName(name)).toBe(true);
  });
});

describe('isInside', () => {
  it('accepts only strict descendants', () => {
    expect(isInside('/a/b', '/a/b/c')).toBe(true);
    expect(isInside('/a/b', '/a/b')).toBe(false);
    expect(isInside('/a/b', '/a/bc')).toBe(false);
    expect(isInside('/a/b', '/a')).toBe(false);
    expect(isInside('/a/b', '/a/b/../c')).toBe(false);
    expect(isInside('/a/b', '/a/b/..x')).toBe(true);
  });
});

describe('reads', () => {
  it('follows no link out of the root', async () => {
    fs.symlinkSync(path.join(outside, 'keep.txt'), path.join(root, 'link'));
    expect(await realFileInside(root, path.join(root, 'link'))).toBeNull();
  });
  it('allows a link that stays inside', async () => {
    fs.writeFileSync(path.join(root, 'real'), 'x');
    fs.symlinkSync(path.join(root, 'real'), path.join(root, 'link'));
    expect(await realFileInside(root, path.join(root, 'link'))).toBe(fs.realpathSync(path.join(root, 'real')));
  });
});

describe('writes and deletes never follow links', () => {
  it('refuses to list a linked folder', async () => {
    fs.symlinkSync(outside, path.join(root, 'tmp'));
    await expect(listInside(root, path.join(root, 'tmp'))).rejects.toMatchObject({ reason: 'symlink', entry: 'tmp' });
    outsideIntact();
  });
  it('removes a link itself, not what it names', async () => {
    fs.symlinkSync(outside, path.join(root, 'tmp'));
    await removeInside(root, path.join(root, 'tmp'));
    expect(fs.existsSync(path.join(root, 'tmp'))).toBe(false);
    outsideIntact();
  });
  it('refuses to delete through a linked folder', async () => {
    fs.symlinkSync(outside, path.join(root, 'blobs'));
    await expect(removeInside(root, path.join(root, 'blobs', 'keep.txt'))).rejects.toBeInstanceOf(UnsafePathError);
    outsideIntact();
  });
  it('refuses to write through a link at the last component', async () => {
    fs.symlinkSync(path.join(outside, 'keep.txt'), path.join(root, 'lock'));
    await expect(writeFileInside(root, path.join(root, 'lock'), 'pwned')).rejects.toThrow();
    expect(() => writeFileInsideSync(root, path.join(root, 'lock'), 'pwned')).toThrow();
    expect(() => writeFileInsideSync(root, path.join(root, 'lock'), 'pwned', true)).toThrow();
    outsideIntact();
  });
  it('refuses to write through a linked folder', async () => {
    fs.symlinkSync(outside, path.join(root, 'thumbs'));
    await expect(writeFileInside(root, path.join(root, 'thumbs', 'new.webp'), 'x')).rejects.toMatchObject({ entry: 'thumbs' });
    outsideIntact();
  });
  it('refuses targets outside the root', async () => {
    await expect(assertNoLinksBelow(root, path.join(root, '..', 'outside'))).rejects.toMatchObject({ reason: 'outside' });
  });
  it('writes a plain file', async () => {
    await writeFileInside(root, path.join(root, 'sub-missing-ok.txt'), 'hello');
    expect(fs.readFileSync(path.join(root, 'sub-missing-ok.txt'), 'utf8')).toBe('hello');
  });
});

describe('folders, reads, renames and unlinks below a root never follow links', () => {
  it('makes missing folders level by level, and refuses a linked one on the way', async () => {
    await mkdirInside(root, path.join(root, 'blobs', 'ab'));
    expect(fs.lstatSync(path.join(root, 'blobs', 'ab')).isDirectory()).toBe(true);
    fs.symlinkSync(outside, path.join(root, 'thumbs'));
    await expect(mkdirInside(root, path.join(root, 'thumbs', 'ab'))).rejects.toMatchObject({ entry: 'thumbs', reason: 'symlink' });
    expect(() => mkdirInsideSync(root, path.join(root, 'thumbs', 'cd'))).toThrow(expect.objectContaining({ entry: 'thumbs' }));
    fs.writeFileSync(path.join(root, 'tmp'), 'a file');
    expect(() => mkdirInsideSync(root, path.join(root, 'tmp'))).toThrow(expect.objectContaining({ entry: 'tmp', reason: 'wrong-kind' }));
    outsideIntact();
  });
  it('reads a plain file but not one that is a link, even a link that stays inside', async () => {
    fs.writeFileSync(path.join(root, 'real'), 'mine');
    expect((await readFileInside(root, path.join(root, 'real'))).toString()).toBe('mine');
    fs.symlinkSync(path.join(outside, 'keep.txt'), path.join(root, 'blob'));
    fs.symlinkSync(path.join(root, 'real'), path.join(root, 'inner'));
    await expect(readFileInside(root, path.join(root, 'blob'))).rejects.toMatchObject({ entry: 'blob', reason: 'symlink' });
    await expect(readFileInside(root, path.join(root, 'inner'))).rejects.toBeInstanceOf(UnsafePathError);
    expect(() => readFileInsideSync(root, path.join(root, 'blob'))).toThrow(UnsafePathError);
  });
  it('unlinks a link itself, not what it names, and refuses through a linked folder', () => {
    fs.symlinkSync(path.join(outside, 'keep.txt'), path.join(root, 'lock'));
    unlinkInsideSync(root, path.join(root, 'lock'));
    expect(fs.existsSync(path.join(root, 'lock'))).toBe(false);
    fs.symlinkSync(outside, path.join(root, 'tmp'));
    expect(() => unlinkInsideSync(root, path.join(root, 'tmp', 'keep.txt'))).toThrow(UnsafePathError);
    outsideIntact();
  });
  it('renames into a real folder, and refuses into a linked one', async () => {
    fs.writeFileSync(path.join(root, 'a.partial'), 'x');
    fs.symlinkSync(outside, path.join(root, 'blobs'));
    await expect(renameInside(root, path.join(root, 'a.partial'), path.join(root, 'blobs', 'a'))).rejects.toMatchObject({ entry: 'blobs' });
    outsideIntact();
    fs.mkdirSync(path.join(root, 'thumbs'));
    await renameInside(root, path.join(root, 'a.partial'), path.join(root, 'thumbs', 'a'));
    expect(fs.readFileSync(path.join(root, 'thumbs', 'a'), 'utf8')).toBe('x');
  });
  it('lists the root itself (trusted) but not a linked folder below it', async () => {
    fs.mkdirSync(path.join(root, 'x'));
    expect(await listInside(root, root)).toEqual(['x']);
  });
});
