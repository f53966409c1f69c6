import type { LiveModel } from '../../../shared/api/training';
import type { CoreContext } from '../../context';
import { listClasses } from '../../store/classes-repo';
import { readLanguages } from '../../store/project-meta';
import { requireBaseModelEntry } from '../base-models/base-model-catalog';
import { ensureBaseModel } from '../base-models/base-model-service';
import { getHead, resolveVersionId } from './model-versions-repo';

/** URL path under which hosts serve a base model's folder to the window. */
export function baseModelUrlPath(baseModelId: string): string {
  return `/base-models/${encodeURIComponent(baseModelId)}/model.json`;
}

/** Everything the window's TF.js needs to run a deck's model on the camera. */
export async function getLiveModel(ctx: CoreContext, req: { deckId: number; versionId?: number }): Promise<LiveModel> {
  const store = ctx.session.require();
  const versionId = resolveVersionId(store.db, req.deckId, req.versionId);
  const { head, number, preprocessing } = getHead(store.db, versionId);
  const entry = requireBaseModelEntry(head.baseModelId, ctx.options.modelCacheDir);
  // The host serves the folder; make sure it is on this machine before the window asks for it.
  await ensureBaseModel(entry.id, ctx.options);
  const classes = listClasses(store.db, req.deckId);
  const classOf = (key: string) => classes.find((c) => c.key.toLowerCase() === key.toLowerCase());
  const words = Object.fromEntries(head.labels.map((key) => [key, classOf(key)?.words ?? {}]));
  return {
    deckId: req.deckId,
    versionId,
    number,
    baseModelId: entry.id,
    baseModelUrl: baseModelUrlPath(entry.id),
    inputSize: entry.inputSize,
    normalization: entry.normalization,
    featureLayer: entry.featureLayer,
    preprocessing: { version: preprocessing, crop: 'center-square' },
    head,
    labels: head.labels,
    words,
    languages: readLanguages(store.db),
    // The deck's background is read now, as its words are: each deck (and each model) keeps its own.
    background: head.labels.find((key) => classOf(key)?.background) ?? null,
  };
}
