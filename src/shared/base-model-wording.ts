import type { BaseModelInfo } from './api/training';

/** 1951543 -> "2 MB", 350000 -> "350 KB". */
export function sizeText(bytes: number): string {
  if (bytes >= 1e6) return `${bytes >= 1e7 ? Math.round(bytes / 1e6) : Math.round(bytes / 1e5) / 10} MB`.replace('.0 MB', ' MB');
  return `${Math.max(1, Math.round(bytes / 1e3))} KB`;
}

/** True when training can use the model without fetching anything. */
export function isOnThisComputer(model: Pick<BaseModelInfo, 'location'>): boolean {
  return model.location === 'cache' || model.location === 'models-path';
}

/** Where a base model is, in a teacher's words: "on this computer", "downloads on first use (2 MB)", "missing". */
export function locationText(model: Pick<BaseModelInfo, 'location' | 'downloadBytes'>): string {
  if (isOnThisComputer(model)) return 'on this computer';
  if (model.location === 'download') return model.downloadBytes ? `downloads on first use (${sizeText(model.downloadBytes)})` : 'downloads on first use';
  return 'missing';
}

/** One line about what the network gives the training: "224 px photos, 256 features each". */
export function shapeText(model: Pick<BaseModelInfo, 'inputSize' | 'featureSize' | 'featureLayer'>): string {
  return `Looks at ${model.inputSize} × ${model.inputSize} px photos and gives ${model.featureSize} features each (layer ${model.featureLayer}).`;
}
