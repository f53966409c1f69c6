import { heldBackCount } from '../../../shared/validation-split';

/**
 * Validation by blocks: photos of a class are usually bursts, so neighbouring frames are
 * near-duplicates. A random split would put a frame in training and its twin in validation and
 * flatter the model; holding out each class's last frames as one block keeps validation honest.
 */
export interface SplitResult {
  /** Indices into the input list. */
  train: number[];
  val: number[];
}

/**
 * `classOf[i]` is the class of item i; items must be in capture/import order. Each class gives its
 * last `heldBackCount(n, share)` items to validation.
 */
export function splitByBlocks(classOf: readonly number[], share: number): SplitResult {
  const byClass = new Map<number, number[]>();
  classOf.forEach((c, i) => {
    const list = byClass.get(c) ?? [];
    list.push(i);
    byClass.set(c, list);
  });
  const train: number[] = [];
  const val: number[] = [];
  for (const items of byClass.values()) {
    const nVal = heldBackCount(items.length, share);
    train.push(...items.slice(0, items.length - nVal));
    val.push(...items.slice(items.length - nVal));
  }
  return { train: train.sort((a, b) => a - b), val: val.sort((a, b) => a - b) };
}
