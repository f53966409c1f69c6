import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './server';
import { safeRelativeParts } from './staging';
import { isLoopbackHost, isLoopbackOrigin } from './loopback-guard';

describe('npm run serve options', () => {
  it('takes the port from --port, then MAGRITTE_PORT, then 5780', () => {
    expect(parseServeArgs(['--port', '6001'], {}).port).toBe(6001);
    expect(parseServeArgs(['--port=6002'], {}).port).toBe(6002);
    expect(parseServeArgs([], { MAGRITTE_PORT: '6003' }).port).toBe(6003);
    expect(parseServeArgs([], {}).port).toBe(5780);
    expect(parseServeArgs(['--data-dir', '/d', '--projects-dir', '/p', '--adb', '/opt/sdk/adb'], {})).toMatchObject({
      dataDir: '/d',
      projectsDir: '/p',
      adbPath: '/opt/sdk/adb',
    });
    expect(() => parseServeArgs(['--port', 'abc'], {})).toThrow(/not a port number/);
  });
});

describe('uploaded file names', () => {
  it('keeps folder names and refuses anything that climbs out', () => {
    expect(safeRelativeParts('Apple/1.jpg')).toEqual(['Apple', '1.jpg']);
    expect(safeRelativeParts('Apple\\2.jpg')).toEqual(['Apple', '2.jpg']);
    expect(safeRelativeParts('./Apple//3.jpg')).toEqual(['Apple', '3.jpg']);
    for (const bad of ['', '../x.jpg', 'Apple/../../x.jpg', 'a\0b.jpg']) expect(() => safeRelativeParts(bad)).toThrow();
  });
});

describe('loopback guard', () => {
  it('accepts only this machine on this port', () => {
    expect(isLoopbackHost('127.0.0.1:5780', 5780)).toBe(true);
    expect(isLoopbackHost('localhost:5780', 5780)).toBe(true);
    expect(isLoopbackHost('127.0.0.1:5781', 5780)).toBe(false);
    expect(isLoopbackHost('attacker.example:5780', 5780)).toBe(false);
    expect(isLoopbackOrigin('http://127.0.0.1:5780', 5780)).toBe(true);
    expect(isLoopbackOrigin('https://127.0.0.1.attacker.example', 5780)).toBe(false);
    expect(isLoopbackOrigin('null', 5780)).toBe(false);
  });
});
