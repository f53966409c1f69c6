import { describe, expect, it } from 'vitest';
import { PREPROCESSING_VERSION } from '../../core/ml/features/preprocess';
import { SUPPORTED_PREPROCESSING } from './preprocessing-versions';

describe('the window and the core agree on preprocessing versions', () => {
  it("runs models made with the core's current preprocessing, and with every earlier one", () => {
    // A bump in the core without the window left every new model refused in the Test tab.
    const all = Array.from({ length: PREPROCESSING_VERSION }, (_, i) => i + 1);
    expect(SUPPORTED_PREPROCESSING).toEqual(all);
  });
});
