import type { BaseModelInfo } from './api/training';
import { formatBytes } from './format';

/** True when training can use the model without fetching anything. */
export function isOnThisComputer(model: Pick<BaseModelInfo, 'location'>): boolean {
  return model.location === 'cache' || model.location === 'models-path';
}

/** Where a base model is, in a teacher's words: "on this computer", "downloads on first use (1.9 MB)", "missing". */
export function locationText(model: Pick<BaseModelInfo, 'location' | 'downloadBytes'>): string {
  if (isOnThisComputer(model)) return 'on this computer';
  if (model.location === 'download')
    return model.downloadBytes ? `downloads on first use (${formatBytes(model.downloadBytes)})` : 'downloads on first use';
  return 'missing';
}

/** One line about what the network gives the training: "224 px photos, 256 features each". */
export function shapeText(model: Pick<BaseModelInfo, 'inputSize' | 'featureSize' | 'featureLayer'>): string {
  return `Looks at ${model.inputSize} × ${model.inputSize} px photos and gives ${model.featureSize} features each (layer ${model.featureLayer}).`;
}
