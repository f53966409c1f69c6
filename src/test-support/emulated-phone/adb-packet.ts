/**
 * Framing of the adb transport protocol (AOSP adb/protocol.txt), device side.
 * Every message is a 24-byte little-endian header followed by `dataLength` bytes:
 *   command, arg0, arg1, dataLength, dataCheck (sum of the data bytes), magic (= command ^ 0xffffffff).
 */

function commandId(name: string): number {
  return Buffer.from(name, 'ascii').readUInt32LE(0);
}

export const A_SYNC = commandId('SYNC');
export const A_CNXN = commandId('CNXN');
export const A_AUTH = commandId('AUTH');
export const A_OPEN = commandId('OPEN');
export const A_OKAY = commandId('OKAY');
export const A_CLSE = commandId('CLSE');
export const A_WRTE = commandId('WRTE');
export const A_STLS = commandId('STLS');

/** Protocol versions: the second one lets both sides skip the data checksum. */
export const A_VERSION_MIN = 0x01000000;
export const A_VERSION_SKIP_CHECKSUM = 0x01000001;

/** AUTH packet types (arg0). */
export const AUTH_TOKEN = 1;
export const AUTH_SIGNATURE = 2;
export const AUTH_RSAPUBLICKEY = 3;

export const HEADER_SIZE = 24;

export interface AdbPacket {
  command: number;
  arg0: number;
  arg1: number;
  data: Buffer;
}

export function commandName(command: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(command >>> 0, 0);
  return b.toString('ascii');
}

/** The "checksum" adb uses is a plain byte sum, despite the field's historical name. */
export function dataCheck(data: Buffer): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum = (sum + data[i]) >>> 0;
  return sum;
}

export function encodePacket(command: number, arg0: number, arg1: number, data: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(HEADER_SIZE);
  header.writeUInt32LE(command >>> 0, 0);
  header.writeUInt32LE(arg0 >>> 0, 4);
  header.writeUInt32LE(arg1 >>> 0, 8);
  header.writeUInt32LE(data.length, 12);
  header.writeUInt32LE(dataCheck(data), 16);
  header.writeUInt32LE((command ^ 0xffffffff) >>> 0, 20);
  return data.length > 0 ? Buffer.concat([header, data]) : header;
}

/**
 * Turns a TCP byte stream into packets. Throws on a bad magic, which means the peer is not
 * speaking adb (or the stream got out of step): the connection should then be dropped.
 */
export class PacketReader {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly maxData: number) {}

  push(chunk: Buffer): AdbPacket[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const packets: AdbPacket[] = [];
    while (this.buffer.length >= HEADER_SIZE) {
      const command = this.buffer.readUInt32LE(0);
      const magic = this.buffer.readUInt32LE(20);
      if ((command ^ 0xffffffff) >>> 0 !== magic) {
        throw new Error(`bad adb packet magic for ${commandName(command)}`);
      }
      const length = this.buffer.readUInt32LE(12);
      if (length > this.maxData) throw new Error(`adb packet of ${length} bytes exceeds ${this.maxData}`);
      if (this.buffer.length < HEADER_SIZE + length) break;
      packets.push({
        command,
        arg0: this.buffer.readUInt32LE(4),
        arg1: this.buffer.readUInt32LE(8),
        data: Buffer.from(this.buffer.subarray(HEADER_SIZE, HEADER_SIZE + length)),
      });
      this.buffer = this.buffer.subarray(HEADER_SIZE + length);
    }
    return packets;
  }
}
