/**
 * A trained head in plain numbers: what training produces, what versions store, and what export,
 * the live test and the phone page turn back into layers. The type lives in the contract
 * (src/shared/api/training.ts) because `getLiveModel` sends it to the window; this file keeps the
 * import path core code uses.
 */
export type { DenseLayerSpec, HeadSpec } from '../../../shared/api/training';
