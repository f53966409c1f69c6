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
  realFileInside,
  removeInside,
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
