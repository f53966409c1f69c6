/** `magritte import` on a photo folder holding links that lead out of it: skipped, and said so. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRUITS, tempDir } from '../../test-support/test-core';
import { cliRunner } from '../../test-support/cli-runner';

describe('magritte import with links out of the folder', () => {
  let tmp: string;
  let project: string;
  let folder: string;
  let privatePhoto: string;
  let before: Buffer;
  beforeAll(() => {
    tmp = tempDir();
    project = path.join(tmp, 'Fruits.magritte');
    folder = path.join(tmp, 'usb', 'Apple');
    fs.mkdirSync(folder, { recursive: true });
    const apples = fs
      .readdirSync(path.join(FRUITS, 'Apple'))
      .filter((f) => f.endsWith('.jpg'))
      .sort();
    for (const f of apples.slice(0, 2)) fs.copyFileSync(path.join(FRUITS, 'Apple', f), path.join(folder, f));
    // A photo the teacher keeps elsewhere, and three links to it (or to its folder) in the USB folder.
    const home = path.join(tmp, 'home', 'Pictures');
    fs.mkdirSync(home, { recursive: true });
    privatePhoto = path.join(home, 'family.jpg');
    fs.copyFileSync(path.join(FRUITS, 'Apple', apples[5]), privatePhoto);
    before = fs.readFileSync(privatePhoto);
    fs.symlinkSync(privatePhoto, path.join(folder, 'link-1.jpg'));
    fs.symlinkSync('../../home/Pictures/family.jpg', path.join(folder, 'link-2.jpg'));
    fs.symlinkSync(home, path.join(folder, 'Pictures'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const cli = cliRunner(() => ({ dataDir: path.join(tmp, 'data'), projectsDir: tmp }));

  it('imports the photos in the folder and says how many links it skipped', async () => {
    expect((await cli('create', project, '--name', 'Fruits', '--langs', 'en,fr')).code).toBe(0);
    const text = await cli('import', project, folder, '--deck', 'Fruits');
    expect(text.code).toBe(0);
    expect(text.out).toContain('2 imported, 0 already there, 3 refused');
    expect(text.out).toContain('3 files skipped: links pointing outside the folder.');

    const json = await cli('import', project, folder, '--deck', 'Fruits', '--json');
    const report = JSON.parse(json.out) as { imported: number; duplicates: number; refused: { file: string; code: string }[] };
    expect(report).toMatchObject({ imported: 0, duplicates: 2 });
    expect(report.refused).toEqual([
      expect.objectContaining({ file: 'Apple/link-1.jpg', code: 'LINK_OUTSIDE' }),
      expect.objectContaining({ file: 'Apple/link-2.jpg', code: 'LINK_OUTSIDE' }),
      expect.objectContaining({ file: 'Apple/Pictures', code: 'LINK_OUTSIDE' }),
    ]);
    expect(fs.readFileSync(privatePhoto).equals(before)).toBe(true);
  });
});
