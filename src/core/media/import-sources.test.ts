import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/test-core';
import { expandSources } from './import-sources';

describe('expandSources: which class a file goes to', () => {
  let root: string;
  beforeAll(() => {
    root = tempDir();
    for (const f of [
      'Fruits/Apple/1.jpg',
      'Fruits/Apple/deep/2.jpg',
      'Fruits/Pear/3.jpg',
      'Fruits/loose.jpg',
      'Fruits/.DS_Store',
      'Kiwi/4.jpg',
      'one.jpg',
    ]) {
      fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      fs.writeFileSync(path.join(root, f), 'x');
    }
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads a dropped folder of class folders, a dropped class folder, and a loose file', async () => {
    const { items, refused } = await expandSources([
      { path: path.join(root, 'Fruits') },
      { path: path.join(root, 'Kiwi') },
      { path: path.join(root, 'one.jpg') },
      { path: path.join(root, 'missing.jpg') },
    ]);
    expect(items.map((i) => [i.display.replace(root, ''), i.classKey])).toEqual([
      ['Fruits/Apple/1.jpg', 'Apple'],
      ['Fruits/Apple/deep/2.jpg', 'Apple'],
      // A loose file beside class folders names no class (the container is not a class).
      ['Fruits/loose.jpg', undefined],
      ['Fruits/Pear/3.jpg', 'Pear'],
      ['Kiwi/4.jpg', 'Kiwi'],
      ['/one.jpg', undefined],
    ]);
    expect(refused).toEqual([{ file: path.join(root, 'missing.jpg'), code: 'FILE_NOT_FOUND', reason: expect.any(String) }]);
  });

  it('takes the first folder of the relativePath a window drop gives as the class', async () => {
    const file = path.join(root, 'one.jpg');
    const { items } = await expandSources([
      { path: file, relativePath: 'Apple/a.jpg' },
      { path: file, relativePath: 'Pear/more/b.jpg' },
      { path: file, relativePath: 'c.jpg' },
      { path: path.join(root, 'Kiwi'), relativePath: 'Kiwi' },
    ]);
    expect(items.map((i) => [i.display, i.classKey])).toEqual([
      ['Apple/a.jpg', 'Apple'],
      ['Pear/more/b.jpg', 'Pear'],
      ['c.jpg', undefined],
      ['Kiwi/4.jpg', 'Kiwi'],
    ]);
  });
});

describe('expandSources: links in a photo folder from elsewhere', () => {
  let tmp: string;
  let chosen: string;
  let secretFile: string;
  const SECRET = 'made before the test; must be byte-identical after';
  beforeAll(() => {
    tmp = tempDir();
    chosen = path.join(tmp, 'usb', 'Fruits');
    const outside = path.join(tmp, 'home');
    fs.mkdirSync(path.join(chosen, 'Apple'), { recursive: true });
    fs.mkdirSync(path.join(outside, 'Documents'), { recursive: true });
    secretFile = path.join(outside, 'Documents', 'diary.jpg');
    fs.writeFileSync(secretFile, SECRET);
    fs.writeFileSync(path.join(chosen, 'Apple', '1.jpg'), 'x');
    // Stays inside: a link to a photo beside it is fine.
    fs.symlinkSync(path.join(chosen, 'Apple', '1.jpg'), path.join(chosen, 'Apple', 'again.jpg'));
    // Leads out: a linked file, a linked folder, and a relative link that climbs out.
    fs.symlinkSync(secretFile, path.join(chosen, 'Apple', 'diary.jpg'));
    fs.symlinkSync(path.join(outside, 'Documents'), path.join(chosen, 'Documents'));
    fs.symlinkSync('../../../home/Documents/diary.jpg', path.join(chosen, 'Apple', 'sneaky.jpg'));
    // Inside but a folder: walked where it really is, not twice.
    fs.symlinkSync(path.join(chosen, 'Apple'), path.join(chosen, 'AppleAgain'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('skips links leading outside the chosen folder and reports each, following only those that stay inside', async () => {
    const { items, refused } = await expandSources([{ path: chosen }]);
    expect(items.map((i) => [i.display, i.classKey, i.path])).toEqual([
      ['Fruits/Apple/1.jpg', 'Apple', path.join(chosen, 'Apple', '1.jpg')],
      ['Fruits/Apple/again.jpg', 'Apple', fs.realpathSync(path.join(chosen, 'Apple', '1.jpg'))],
    ]);
    expect(refused.map((r) => [r.file, r.code])).toEqual([
      ['Fruits/Apple/diary.jpg', 'LINK_OUTSIDE'],
      ['Fruits/Apple/sneaky.jpg', 'LINK_OUTSIDE'],
      ['Fruits/Documents', 'LINK_OUTSIDE'],
    ]);
    expect(refused[0].reason).toContain('outside the folder you chose');
    expect(fs.readFileSync(secretFile, 'utf8')).toBe(SECRET);
  });

  it('judges links against the real folder when the chosen folder is itself reached through a link', async () => {
    const viaLink = path.join(tmp, 'shortcut');
    fs.symlinkSync(chosen, viaLink);
    const { items, refused } = await expandSources([{ path: viaLink, relativePath: 'Fruits' }]);
    expect(items.map((i) => i.display)).toEqual(['Fruits/Apple/1.jpg', 'Fruits/Apple/again.jpg']);
    expect(refused.map((r) => r.file)).toEqual(['Fruits/Apple/diary.jpg', 'Fruits/Apple/sneaky.jpg', 'Fruits/Documents']);
  });
});
