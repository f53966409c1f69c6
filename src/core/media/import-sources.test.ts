import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../store/test-helpers';
import { expandSources } from './import-sources';

describe('expandSources: which class a file goes to', () => {
  let root: string;
  beforeAll(() => {
    root = tempDir();
    for (const f of ['Fruits/Apple/1.jpg', 'Fruits/Apple/deep/2.jpg', 'Fruits/Pear/3.jpg', 'Fruits/loose.jpg', 'Fruits/.DS_Store', 'Kiwi/4.jpg', 'one.jpg']) {
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
