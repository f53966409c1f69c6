import { describe, expect, it } from 'vitest';
import { cameraFailureOf } from '../../camera/camera-failure';
import { cameraProblem } from './camera-problems';

describe('camera problems in a teacher’s words', () => {
  it('names each way a camera fails, with what to do', () => {
    const cases: [string, RegExp][] = [
      ['NotFoundError', /Plug in a webcam/],
      ['NotAllowedError', /Allow/],
      ['NotReadableError', /Close the other program/],
      ['SomethingNew', /Try again/],
    ];
    for (const [name, fix] of cases) {
      const p = cameraProblem(cameraFailureOf(new DOMException('x', name)));
      expect(p.fix, name).toMatch(fix);
      expect(p.message).not.toMatch(/Error|DOM/);
    }
    expect(cameraProblem('unplugged').fix).toMatch(/Plug the camera back in/);
  });
});
