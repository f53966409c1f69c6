import { createHash } from 'node:crypto';
import { StudioError } from '../../shared/errors';
import { decodeToThumbnail, readImageHeader } from './decode-image';
import { SNIFF_BYTES, sniffImageType, type ImageKind } from './sniff-type';

export interface PreparedPhoto {
  sha256: string;
  kind: ImageKind;
  bytes: number;
  /** Upright size (EXIF orientation applied). */
  width: number;
  height: number;
  thumbnail: Buffer;
}

export function sha256Of(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Checks the content type from the bytes themselves; throws IMAGE_UNSUPPORTED otherwise. */
export function checkImageType(data: Uint8Array): ImageKind {
  const sniff = sniffImageType(data.subarray(0, SNIFF_BYTES));
  if (!sniff.ok) throw new StudioError('IMAGE_UNSUPPORTED', sniff.reason, sniff.fix);
  return sniff.kind;
}

/**
 * Everything import needs to accept one photo, in the order that keeps bad input cheap:
 * content type from magic bytes, header size check (before any decoding), then a full decode
 * that yields the thumbnail. Throws a StudioError saying why a file is refused.
 */
export async function preparePhoto(data: Buffer, knownSha?: string): Promise<PreparedPhoto> {
  const kind = checkImageType(data);
  const header = await readImageHeader(data);
  const thumbnail = await decodeToThumbnail(data);
  return {
    sha256: knownSha ?? sha256Of(data),
    kind,
    bytes: data.length,
    width: header.uprightWidth,
    height: header.uprightHeight,
    thumbnail,
  };
}
