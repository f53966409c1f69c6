import fs from 'node:fs/promises';
import type { ImportSource } from '../../../shared/domain';
import type { TestPhotoPixels } from '../../../shared/api/training';
import { StudioError, toErrorPayload } from '../../../shared/errors';
import type { CoreContext } from '../../context';
import { ensureBaseModel } from '../base-models/base-model-service';
import { preparePixels } from '../features/preprocess';
import { getHead, resolveVersionId } from './model-versions-repo';

/** Photos per call: each answer carries about 200 KB of pixels, so the window asks in small batches. */
export const MAX_TEST_PHOTOS_PER_CALL = 16;

/**
 * The Test tab's photo files as the network sees them: the centre square at the model's input size,
 * from the core's one decoder, exactly as training prepared the deck's photos. The window runs its
 * own model on these pixels, so a photo tested there meets the same pixels as in the core, whatever
 * its size, format or EXIF orientation (a browser decodes a phone photo at full size; the core may
 * decode it at reduced size, see src/core/media/decode-image.ts).
 */
export async function prepareTestPhotos(
  ctx: CoreContext,
  req: { deckId: number; versionId?: number; sources: ImportSource[] },
): Promise<TestPhotoPixels[]> {
  if (req.sources.length > MAX_TEST_PHOTOS_PER_CALL) {
    throw new StudioError(
      'INVALID_ARGUMENT',
      `That is ${req.sources.length} photos in one request; the limit is ${MAX_TEST_PHOTOS_PER_CALL}.`,
      'Send the photos in smaller batches.',
    );
  }
  const store = ctx.session.require();
  const { head } = getHead(store.db, resolveVersionId(store.db, req.deckId, req.versionId));
  const size = (await ensureBaseModel(head.baseModelId, ctx.options)).entry.inputSize;
  const out: TestPhotoPixels[] = [];
  // One source at a time keeps answers in the order asked; the window classifies as they come.
  for (const source of req.sources) out.push(await prepareOne(source, size));
  return out;
}

async function prepareOne(source: ImportSource, size: number): Promise<TestPhotoPixels> {
  try {
    const st = await fs.stat(source.path).catch(() => null);
    if (!st) return { path: source.path, size, error: { code: 'FILE_NOT_FOUND', message: 'The photo could not be found; it may have been moved.' } };
    if (!st.isFile())
      return { path: source.path, size, error: { code: 'INVALID_ARGUMENT', message: 'This is a folder, not a photo: drop the photos themselves.' } };
    const pixels = (await preparePixels(await fs.readFile(source.path), size, ['orig'])).get('orig');
    if (!pixels) throw new Error('no centre square');
    return { path: source.path, size, pixels: Buffer.from(pixels).toString('base64') };
  } catch (e) {
    const p = toErrorPayload(e);
    return { path: source.path, size, error: { code: p.code, message: p.message } };
  }
}
