import * as tf from '@tensorflow/tfjs';

/**
 * Base networks loaded in this window, by URL: a new head after training reuses the base already in
 * memory, so the Test screen switches models in milliseconds.
 */
const loaded = new Map<string, Promise<tf.LayersModel>>();

export function loadBaseModel(url: string): Promise<tf.LayersModel> {
  let model = loaded.get(url);
  if (!model) {
    model = tf.loadLayersModel(url);
    loaded.set(url, model);
    // A failed load (host down, file missing) must not stick: the next try fetches again.
    model.catch(() => loaded.delete(url));
  }
  return model;
}

/** Frees every base network (closing the project, say). Classifiers built on them stop working. */
export async function disposeBaseModels(): Promise<void> {
  const all = [...loaded.values()];
  loaded.clear();
  for (const m of all) (await m.catch(() => null))?.dispose();
}
