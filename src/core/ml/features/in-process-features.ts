import type { MlBackendName } from '../../../shared/api/training';
import { toErrorPayload } from '../../../shared/errors';
import { cancelledError } from '../../jobs/job-runner';
import type { ReadyBaseModel } from '../base-models/base-model-service';
import { initBackend } from '../backend';
import { FeatureExtractor } from './feature-extractor';
import type { PoolItem, PoolRunOptions } from './feature-pool';
import { preparePixels } from './preprocess';

/** Photos per network call on this thread (then it yields, so cancel and events get through). */
const BATCH = 4;

/**
 * The fallback when worker threads cannot start (e.g. a build without the TypeScript loader the
 * workers use): the same features, computed on this thread, a batch at a time.
 */
export class InProcessFeatures {
  readonly size = 1;
  readonly isClosed = false;
  /** The fallback computes with TF.js only. */
  readonly engine = 'tfjs' as const;

  private constructor(
    private readonly extractor: FeatureExtractor,
    readonly backend: MlBackendName,
  ) {}

  static async start(model: ReadyBaseModel): Promise<InProcessFeatures> {
    const { name } = await initBackend();
    return new InProcessFeatures(await FeatureExtractor.load(model.dir, model.entry), name);
  }

  async run(items: readonly PoolItem[], opts: PoolRunOptions): Promise<void> {
    for (let i = 0; i < items.length; i += BATCH) {
      if (opts.signal?.aborted) throw cancelledError();
      const views: { key: string; variant: string; px: Uint8Array }[] = [];
      for (const item of items.slice(i, i + BATCH)) {
        try {
          const prepared = await preparePixels(await item.read(), this.extractor.entry.inputSize, item.variants);
          for (const [variant, px] of prepared) views.push({ key: item.key, variant, px });
        } catch (e) {
          const p = toErrorPayload(e);
          opts.onResult({ key: item.key, error: { code: p.code, message: p.message } });
        }
      }
      const vectors = views.length > 0 ? this.extractor.extract(views.map((v) => v.px)) : [];
      const byKey = new Map<string, Record<string, Float32Array>>();
      views.forEach((v, j) => byKey.set(v.key, { ...(byKey.get(v.key) ?? {}), [v.variant]: vectors[j] }));
      for (const [key, features] of byKey) opts.onResult({ key, features });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async close(): Promise<void> {
    this.extractor.dispose();
  }
}
