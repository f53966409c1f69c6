import { describe, expect, it } from 'vitest';
import { cameraFailureOf } from './camera-failure';

describe('which way a camera failed', () => {
  it('reads each browser error name as its case', () => {
    const cases: [string, string][] = [
      ['NotFoundError', 'no-camera'],
      ['OverconstrainedError', 'no-camera'],
      ['NotAllowedError', 'refused'],
      ['SecurityError', 'refused'],
      ['NotReadableError', 'busy'],
      ['SomethingNew', 'other'],
    ];
    for (const [name, failure] of cases) expect(cameraFailureOf(new DOMException('x', name)), name).toBe(failure);
  });

  it('treats a window without camera support as its own case', () => {
    expect(cameraFailureOf(new TypeError('no mediaDevices'))).toBe('unsupported');
    expect(cameraFailureOf('not an error')).toBe('other');
  });
});
