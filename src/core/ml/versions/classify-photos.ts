import type { ImportSource } from '../../../shared/domain';
import type { PhotoClassification } from '../../../shared/api/training';
import { StudioError } from '../../../shared/errors';
import type { CoreContext } from '../../context';
import { expandSources } from '../../media/import-sources';
import { listClasses } from '../../store/classes-repo';
import { ensureBaseModel } from '../base-models/base-model-service';
import { predictWithHead } from './head-predict';
import { getHead, resolveVersionId } from './model-versions-repo';
import { featuresOfFiles } from '../features/photo-features';
import { DEFAULT_SIMILAR, findSimilarPhotos } from '../../deck-map/similar-photos';

/** How many photos one "try a photo" call takes (a folder of hundreds belongs in an evaluation). */
const MAX_PHOTOS = 200;

/** "Try a photo": the top 3 words (with probabilities) for each image file among the sources. */
export async function classifyPhotos(
  ctx: CoreContext,
  req: { deckId: number; versionId?: number; sources: ImportSource[] },
): Promise<PhotoClassification[]> {
  const store = ctx.session.require();
  const versionId = resolveVersionId(store.db, req.deckId, req.versionId);
  const { head } = getHead(store.db, versionId);
  const { items, refused } = await expandSources(req.sources);
  if (items.length > MAX_PHOTOS) {
    throw new StudioError(
      'INVALID_ARGUMENT',
      `That is ${items.length} photos; trying photos takes up to ${MAX_PHOTOS} at a time.`,
      'Drop fewer photos, or evaluate a whole folder from the results screen.',
    );
  }
  const model = await ensureBaseModel(head.baseModelId, ctx.options);
  const features = await featuresOfFiles(
    model,
    items.map((i) => i.path),
  );
  const ok = features.map((f, i) => ({ f, i })).filter(({ f }) => f.features?.orig);
  const probs = await predictWithHead(
    head,
    ok.map(({ f }) => f.features?.orig as Float32Array),
  );
  const classes = new Map(listClasses(store.db, req.deckId).map((c) => [c.key.toLowerCase(), c]));
  const k = head.labels.length;
  const out: PhotoClassification[] = items.map((item, i) => {
    const f = features[i];
    return {
      path: item.path,
      top: [],
      background: false,
      error: f.error ?? (f.features?.orig ? undefined : { code: 'INTERNAL', message: 'No features' }),
    };
  });
  ok.forEach(({ i }, row) => {
    const ranked = head.labels
      .map((key, c) => {
        const cls = classes.get(key.toLowerCase());
        return { key, words: cls?.words ?? {}, probability: probs[row * k + c], background: cls?.background ?? false };
      })
      .sort((a, b) => b.probability - a.probability);
    const top = ranked.slice(0, 3);
    const similar = findSimilarPhotos(store.db, {
      deckId: req.deckId,
      head,
      query: { features: Array.from(ok[row].f.features?.orig ?? []) },
      // A word renamed or deleted since training has no photos to show.
      classKeys: top
        .slice(0, 2)
        .map((p) => p.key)
        .filter((key) => classes.has(key.toLowerCase())),
      count: DEFAULT_SIMILAR,
    });
    out[i] = { path: items[i].path, top, similar, background: top[0]?.background ?? false };
  });
  for (const r of refused) out.push({ path: r.file, top: [], background: false, error: { code: r.code, message: r.reason } });
  return out;
}
