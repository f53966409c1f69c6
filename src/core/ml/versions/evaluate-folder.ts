import type { FolderEvaluation } from '../../../shared/api/training';
import { StudioError } from '../../../shared/errors';
import type { CoreContext } from '../../context';
import type { JobContext } from '../../jobs/job-runner';
import { expandSources } from '../../media/import-sources';
import { ensureBaseModel } from '../base-models/base-model-service';
import { predictWithHead } from './head-predict';
import { argmaxRow, evaluatePredictions } from '../training/metrics';
import { getHead, resolveVersionId } from './model-versions-repo';
import { featuresOfFiles } from '../features/photo-features';

/**
 * Runs a model version on a folder of class subfolders ("Apple/1.jpg"), matching folder names to
 * the deck's class keys without regard to case, and reports accuracy, per-class accuracy and the
 * confusion matrix. Folders that match no class are listed, not judged.
 */
export async function evaluateFolder(
  ctx: CoreContext,
  job: JobContext,
  req: { deckId: number; versionId?: number; dir: string },
): Promise<FolderEvaluation> {
  const store = ctx.session.require();
  const versionId = resolveVersionId(store.db, req.deckId, req.versionId);
  const { head } = getHead(store.db, versionId);
  const { items, refused } = await expandSources([{ path: req.dir }]);
  if (refused.length > 0 && items.length === 0) {
    throw new StudioError('FILE_NOT_FOUND', `There is no folder at ${req.dir}.`, 'Give a folder that holds one subfolder of photos per class.');
  }
  const labelIndex = new Map(head.labels.map((l, i) => [l.toLowerCase(), i]));
  const unmatched = new Set<string>();
  const judged: { path: string; truth: number }[] = [];
  for (const item of items) {
    const truth = item.classKey === undefined ? undefined : labelIndex.get(item.classKey.toLowerCase());
    if (truth === undefined) {
      if (item.classKey !== undefined) unmatched.add(item.classKey);
      continue;
    }
    judged.push({ path: item.path, truth });
  }
  const model = await ensureBaseModel(head.baseModelId, ctx.options, { signal: job.signal });
  job.progress(0, judged.length, `Evaluating ${judged.length} photos`);
  const features = await featuresOfFiles(
    model,
    judged.map((j) => j.path),
    { signal: job.signal, onProgress: (done) => job.progress(done, judged.length, `Evaluating: ${done} of ${judged.length} photos`) },
  );
  const failed: FolderEvaluation['failed'] = [];
  const good: { truth: number; x: Float32Array }[] = [];
  features.forEach((f, i) => {
    const x = f.features?.orig;
    if (x) good.push({ truth: judged[i].truth, x });
    else failed.push({ path: judged[i].path, reason: f.error?.message ?? 'no features' });
  });
  const probs = await predictWithHead(
    head,
    good.map((g) => g.x),
  );
  const pred = good.map((_, i) => argmaxRow(probs, i, head.labels.length));
  const metrics = evaluatePredictions(
    good.map((g) => g.truth),
    pred,
    head.labels,
  );
  return { ...metrics, versionId, unmatchedFolders: [...unmatched].sort(), failed };
}
