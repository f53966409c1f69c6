import { zipSync } from 'fflate';

/**
 * TensorFlow Lite metadata packs a model's associated files (label files here) as a zip appended to
 * the .tflite: the FlatBuffer stays loadable as is, and zip readers find the files from the end.
 * Entries are stored uncompressed so apps can memory-map them. Offsets in the zip's central
 * directory are made relative to the start of the whole file, as the reference metadata tools
 * (which append with Python's zipfile) write them.
 */
export function appendAssociatedFiles(model: Uint8Array, files: Record<string, Uint8Array>): Uint8Array {
  const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const [name, data] of Object.entries(files)) entries[name] = [data, { level: 0 }];
  const zip = zipSync(entries);
  rebaseZipOffsets(zip, model.length);
  const out = new Uint8Array(model.length + zip.length);
  out.set(model, 0);
  out.set(zip, model.length);
  return out;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

/** Adds `base` to every local-header offset and to the central directory offset (in place). */
function rebaseZipOffsets(zip: Uint8Array, base: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('zip without an end-of-central-directory record');
  const count = view.getUint16(eocd + 10, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (view.getUint32(p, true) !== CENTRAL_SIGNATURE) throw new Error('malformed zip central directory');
    view.setUint32(p + 42, view.getUint32(p + 42, true) + base, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    p += 46 + nameLen + extraLen + commentLen;
  }
  view.setUint32(eocd + 16, cdOffset + base, true);
}
