/** Image kinds the studio accepts, judged from the file's first bytes (never its name). */
export type ImageKind = 'jpeg' | 'png' | 'gif' | 'webp' | 'tiff' | 'avif';

export type SniffResult = { ok: true; kind: ImageKind } | { ok: false; reason: string; fix: string };

const HEVC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis', 'mif1', 'msf1']);

function ascii(buf: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...buf.subarray(start, end));
}

/** How many leading bytes `sniffImageType` needs. */
export const SNIFF_BYTES = 32;

export function sniffImageType(head: Uint8Array): SniffResult {
  const b = head;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { ok: true, kind: 'jpeg' };
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 4) === 'PNG' && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) {
    return { ok: true, kind: 'png' };
  }
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return { ok: true, kind: 'gif' };
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return { ok: true, kind: 'webp' };
  if (
    b.length >= 4 &&
    ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a))
  ) {
    return { ok: true, kind: 'tiff' };
  }
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    if (HEVC_BRANDS.has(brand)) {
      return {
        ok: false,
        reason: 'This is a HEIC photo (the iPhone format), which the studio cannot read.',
        fix: 'On the phone choose Settings > Camera > Formats > Most Compatible, or export the photo as JPEG.',
      };
    }
    if (AVIF_BRANDS.has(brand)) return { ok: true, kind: 'avif' };
  }
  if (b.length >= 2 && ascii(b, 0, 2) === 'P6') {
    // Recognised only to give a clearer refusal than "not a picture".
    return { ok: false, reason: 'This is a raw PPM image, which the studio does not import.', fix: 'Save it as JPEG or PNG first.' };
  }
  return {
    ok: false,
    reason: 'This file is not a picture the studio can read (it is not JPEG, PNG, GIF, WebP, TIFF or AVIF).',
    fix: 'Import photos saved as JPEG or PNG.',
  };
}
