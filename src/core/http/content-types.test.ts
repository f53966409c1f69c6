import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeForPath, imageContentType } from './content-types';

describe('content types', () => {
  it('judges real fruit photos as JPEG by their bytes', () => {
    const dir = path.resolve('../shared/data/fruits');
    const classDir = fs
      .readdirSync(dir)
      .map((d) => path.join(dir, d))
      .find((d) => fs.statSync(d).isDirectory());
    expect(classDir).toBeDefined();
    const photo = fs.readdirSync(classDir!).find((f) => /\.jpe?g$/i.test(f));
    const head = fs.readFileSync(path.join(classDir!, photo!)).subarray(0, 16);
    expect(imageContentType(head)).toBe('image/jpeg');
  });

  it('recognises PNG, WebP and unknown bytes', () => {
    expect(imageContentType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(imageContentType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(imageContentType(new TextEncoder().encode('<svg onload=alert(1)>'))).toBe('application/octet-stream');
  });

  it('gives wasm its streaming-compilable type', () => {
    expect(contentTypeForPath('/x/tfjs-backend-wasm-simd.wasm')).toBe('application/wasm');
    expect(contentTypeForPath('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeForPath('/x/no-extension')).toBe('application/octet-stream');
  });
});
