import { describe, expect, it } from 'vitest';
import { cameraProblemOf } from './camera-problems';

describe('camera problems in plain words', () => {
  it('names each way a camera fails, with what to do', () => {
    const cases: [string, string, RegExp][] = [
      ['NotFoundError', 'no-camera', /Plug in a webcam/],
      ['NotAllowedError', 'refused', /Allow/],
      ['NotReadableError', 'busy', /Close the other program/],
      ['OverconstrainedError', 'no-camera', /Plug in/],
      ['SomethingNew', 'other', /Try again/],
    ];
    for (const [name, kind, fix] of cases) {
      const p = cameraProblemOf(new DOMException('x', name));
      expect(p.kind, name).toBe(kind);
      expect(p.fix, name).toMatch(fix);
      expect(p.message).not.toMatch(/Error|DOM/);
    }
  });

  it('treats a window without camera support as its own case', () => {
    expect(cameraProblemOf(new TypeError('no mediaDevices')).kind).toBe('unsupported');
  });
});
