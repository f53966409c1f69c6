import { describe, expect, it } from 'vitest';
import { batchByLength, isCommandMissing, parseDfFreeBytes, parseHashLines } from './phone-output';
import { parseDevicesLong } from './adb-host-protocol';

describe('reading phone output', () => {
  it('reads free space from toybox df -k', () => {
    const out = 'Filesystem     1K-blocks     Used Available Use% Mounted on\n/dev/fuse      115164300 51234560  63929740  45% /storage/emulated\n';
    expect(parseDfFreeBytes(out)).toBe(63929740 * 1024);
  });

  it('reads free space when a long filesystem name wraps the row', () => {
    const out =
      'Filesystem 1K-blocks Used Available Use% Mounted on\n/dev/block/bootdevice/by-name/userdata\n 52107512 40251776 11724664 78% /data\n';
    expect(parseDfFreeBytes(out)).toBe(11724664 * 1024);
  });

  it('reads free space from old Android df with units', () => {
    const out = 'Filesystem               Size     Used     Free   Blksize\n/mnt/sdcard             12.5G     9.1G     3.4G   4096\n';
    expect(parseDfFreeBytes(out)).toBe(Math.floor(3.4 * 1024 ** 3));
  });

  it('gives up on output it does not understand', () => {
    expect(parseDfFreeBytes('df: /sdcard/x: No such file or directory\n')).toBeNull();
  });

  it('reads sha256sum and md5sum lines', () => {
    const sha = 'a'.repeat(64);
    const md5 = 'b'.repeat(32);
    const m = parseHashLines(`${sha}  /sdcard/a b/model.tflite.part\n${md5} */sdcard/x\nsha256sum: /y: No such file or directory\n`);
    expect(m.get('/sdcard/a b/model.tflite.part')).toBe(sha);
    expect(m.get('/sdcard/x')).toBe(md5);
    expect(m.size).toBe(2);
  });

  it('recognises a missing command', () => {
    expect(isCommandMissing('/system/bin/sh: sha256sum: inaccessible or not found\n', 127)).toBe(true);
    expect(isCommandMissing('sha256sum: /y: No such file or directory\n', 1)).toBe(false);
  });

  it('batches long command lines', () => {
    expect(batchByLength(['aaaa', 'bbbb', 'cccc'], 10)).toEqual([['aaaa', 'bbbb'], ['cccc']]);
  });

  it('parses devices -l for USB and TCP phones and odd states', () => {
    const text = [
      '0123456789ABCDEF       device usb:1-1 product:sunfish model:Pixel_4a device:sunfish transport_id:3',
      '127.0.0.1:5555         unauthorized transport_id:4',
      '4c1f2a3b               no permissions (user in plugdev group; are your udev rules wrong?); see [http://developer.android.com/tools/device.html] usb:1-2 transport_id:5',
      '',
    ].join('\n');
    expect(parseDevicesLong(text)).toEqual([
      { serial: '0123456789ABCDEF', state: 'device', model: 'Pixel_4a', product: 'sunfish' },
      { serial: '127.0.0.1:5555', state: 'unauthorized', model: null, product: null },
      {
        serial: '4c1f2a3b',
        state: 'no permissions (user in plugdev group; are your udev rules wrong?); see [http://developer.android.com/tools/device.html]',
        model: null,
        product: null,
      },
    ]);
  });
});
