import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { appendAssociatedFiles } from './associated-files';

describe('associated files appended to a model', () => {
  it('are a zip of stored entries whose offsets count from the start of the model file', () => {
    const model = new Uint8Array(1000).fill(7);
    const labels = new TextEncoder().encode('apple\norange\n');
    const out = appendAssociatedFiles(model, { 'labels.txt': labels, 'labels_fr.txt': new TextEncoder().encode('pomme\norange\n') });
    expect(out.subarray(0, 1000)).toEqual(model);
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    const eocd = out.length - 22;
    expect(view.getUint32(eocd, true)).toBe(0x06054b50);
    const cd = view.getUint32(eocd + 16, true);
    expect(view.getUint32(cd, true)).toBe(0x02014b50);
    expect(view.getUint16(cd + 10, true)).toBe(0); // method 0: stored, so apps can map the file in place
    const local = view.getUint32(cd + 42, true);
    expect(local).toBe(1000);
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    expect(new TextDecoder().decode(unzipSync(out)['labels.txt'])).toBe('apple\norange\n');
  });
});
