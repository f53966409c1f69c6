/**
 * The phone's half of adb's RSA authentication. The host sends its public key in Android's own
 * layout (base64 of: word count, n0inv, modulus words little-endian, rr words, exponent, then
 * " user@host"); signatures are PKCS#1 v1.5 over the 20-byte token treated as a SHA-1 digest.
 */
import { createPublicKey, publicDecrypt, constants, randomBytes, type KeyObject } from 'node:crypto';

export const TOKEN_SIZE = 20;

export function newToken(): Buffer {
  return randomBytes(TOKEN_SIZE);
}

/** Parses the RSAPUBLICKEY payload; returns null when it is not a key we understand. */
export function parseAndroidPublicKey(payload: Buffer): KeyObject | null {
  const text = payload.toString('utf8').replace(/\0+$/, '').trim();
  const b64 = text.split(/\s+/)[0] ?? '';
  const raw = Buffer.from(b64, 'base64');
  if (raw.length < 12) return null;
  const words = raw.readUInt32LE(0);
  const expected = 4 + 4 + words * 4 * 2 + 4;
  if (words === 0 || raw.length < expected) return null;
  const modulusLe = raw.subarray(8, 8 + words * 4);
  const exponent = raw.readUInt32LE(8 + words * 8);
  const modulusBe = Buffer.from(modulusLe).reverse();
  const expBytes = Buffer.alloc(4);
  expBytes.writeUInt32BE(exponent, 0);
  const e = expBytes.subarray(expBytes.findIndex((b) => b !== 0));
  try {
    return createPublicKey({
      key: { kty: 'RSA', n: modulusBe.toString('base64url'), e: e.toString('base64url') },
      format: 'jwk',
    });
  } catch {
    return null;
  }
}

/** True when `signature` is the token signed by the private half of `key`. */
export function verifyTokenSignature(key: KeyObject, token: Buffer, signature: Buffer): boolean {
  try {
    const digestInfo = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature);
    return digestInfo.length >= TOKEN_SIZE && digestInfo.subarray(digestInfo.length - TOKEN_SIZE).equals(token);
  } catch {
    return false;
  }
}
