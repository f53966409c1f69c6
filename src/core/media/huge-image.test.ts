import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/errors';
import { runImport, tempDir, testCore, type TestCore } from '../../test-support/test-core';
import { preparePixels } from '../ml/features/preprocess';
import { decodeImage, readImageHeader } from './decode-image';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** A small file whose header claims 20000x20000 RGB (1.2 GB once decoded). */
function hugePng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(20000, 0);
  ihdr.writeUInt32BE(20000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = zlib.deflateSync(Buffer.alloc(64 * 1024));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', rows),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('a picture that claims 20000x20000 pixels', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await testCore();
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('is refused from its header, before decoding', async () => {
    await expect(readImageHeader(hugePng())).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE' });
    // Even a caller that skips the header check cannot make the decoder allocate it.
    await expect(decodeImage(hugePng())).rejects.toBeInstanceOf(StudioError);
    await expect(decodeImage(hugePng())).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE' });
    // Nor can training, which decodes photo files on its own (a project folder travels).
    await expect(preparePixels(hugePng(), 224, ['orig'])).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE' });
  });

  it('is refused by import with no row, no file and no memory spike', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'huge.png');
    fs.writeFileSync(file, hugePng());
    const deck = await t.core.api.createDeck({ name: 'D' });
    const cls = await t.core.api.createClass({ deckId: deck.id, key: 'big' });
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 2);
    const report = await runImport(t.core, { deckId: deck.id, classId: cls.id, sources: [{ path: file }] });
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(report.imported).toBe(0);
    expect(report.refused).toHaveLength(1);
    expect(report.refused[0].code).toBe('IMAGE_TOO_LARGE');
    expect(report.refused[0].reason).toMatch(/20000x20000/);
    // Decoding would need 1.2 GB; header-only work stays within a few MB.
    expect((peak - before) / 1e6).toBeLessThan(64);
    expect(await t.core.api.listPhotos({ deckId: deck.id })).toEqual([]);
    const store = t.core.context.session.require();
    expect(fs.readdirSync(store.paths.blobs)).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
