import { describe, expect, it } from 'vitest';
import { isJunk, needsClass, toRelativePaths } from './relative-paths';

const f = (path: string) => ({ file: path, path });

describe('toRelativePaths', () => {
  it('keeps a class folder dropped on the deck as the class name', () => {
    const out = toRelativePaths([f('Apple/1.jpg'), f('Apple/2.jpg'), f('Mango/3.jpg')], 'deck');
    expect(out.map((o) => o.relativePath)).toEqual(['Apple/1.jpg', 'Apple/2.jpg', 'Mango/3.jpg']);
  });

  it('unwraps a folder that only holds class folders', () => {
    const out = toRelativePaths([f('fruits/Apple/1.jpg'), f('fruits/Mango/2.jpg')], 'deck');
    expect(out.map((o) => o.relativePath)).toEqual(['Apple/1.jpg', 'Mango/2.jpg']);
  });

  it('does not unwrap a class folder that has a subfolder of its own', () => {
    const out = toRelativePaths([f('Apple/1.jpg'), f('Apple/more/2.jpg')], 'deck');
    expect(out.map((o) => o.relativePath)).toEqual(['Apple/1.jpg', 'Apple/more/2.jpg']);
  });

  it('keeps only the file name when dropped on a class', () => {
    const out = toRelativePaths([f('fruits/Apple/1.jpg'), f('2.jpg')], 'class');
    expect(out.map((o) => o.relativePath)).toEqual(['1.jpg', '2.jpg']);
  });

  it('drops system junk and path tricks', () => {
    expect(isJunk('Apple/.DS_Store')).toBe(true);
    expect(isJunk('__MACOSX/Apple/1.jpg')).toBe(true);
    expect(isJunk('Apple/Thumbs.db')).toBe(true);
    expect(isJunk('Apple/1.jpg')).toBe(false);
    const out = toRelativePaths([f('../Apple/1.jpg'), f('Apple/.hidden.jpg')], 'deck');
    expect(out.map((o) => o.relativePath)).toEqual(['Apple/1.jpg']);
  });

  it('says when loose files need a class', () => {
    expect(needsClass('1.jpg')).toBe(true);
    expect(needsClass('Apple/1.jpg')).toBe(false);
  });
});
