import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testCore, type TestCore } from '../../../test-support/test-core';
import { EmbeddingStore } from './embedding-store';
import { PREPROCESSING_VERSION } from './preprocess';

const sha = (i: number) => createHash('sha256').update(`photo ${i}`).digest('hex');

/** The feature cache in a real project database. */
describe('the feature cache', () => {
  let t: TestCore;
  let store: EmbeddingStore;
  beforeAll(async () => {
    t = await testCore();
    const { db } = t.core.context.session.require();
    store = new EmbeddingStore(db, { baseModelId: 'test-model', preprocessing: PREPROCESSING_VERSION });
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('reads many vectors back exactly, in one query whatever their number; other views, models and versions stay apart', () => {
    const { db } = t.core.context.session.require();
    // Values a float32 holds exactly and ones it rounds, negative zero and extremes included.
    const vector = (i: number) => Float32Array.from([i, -0, 0.1 * i, -1e-30, 3.4e38, i / 3]);
    store.putMany(Array.from({ length: 200 }, (_, i) => ({ sha256: sha(i), variant: 'orig' as const, vector: vector(i) })));
    store.putMany([{ sha256: sha(0), variant: 'flip', vector: vector(99) }]);
    new EmbeddingStore(db, { baseModelId: 'other-model', preprocessing: PREPROCESSING_VERSION }).putMany([
      { sha256: sha(200), variant: 'orig', vector: vector(1) },
    ]);
    new EmbeddingStore(db, { baseModelId: 'test-model', preprocessing: PREPROCESSING_VERSION - 1 }).putMany([
      { sha256: sha(201), variant: 'orig', vector: vector(1) },
    ]);

    const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<'get' | 'all' | 'run' | 'iterate', (...a: unknown[]) => unknown>;
    const queries = (body: () => void) => {
      const spies = (['get', 'all', 'run', 'iterate'] as const).map((m) => vi.spyOn(proto, m));
      try {
        body();
        return spies.reduce((n, s) => n + s.mock.calls.length, 0);
      } finally {
        spies.forEach((s) => s.mockRestore());
      }
    };
    let got = new Map<string, Float32Array>();
    // Photos 0..199 have the view; 200 and 201 only under another model or version; 202 has none.
    const asked = Array.from({ length: 203 }, (_, i) => sha(i));
    expect(queries(() => (got = store.getMany(asked, 'orig')))).toBe(1);
    expect([...got.keys()].sort()).toEqual(asked.slice(0, 200).sort());
    for (let i = 0; i < 200; i++) expect(got.get(sha(i))).toEqual(vector(i));
    expect(Object.is(got.get(sha(5))![1], -0)).toBe(true);
    expect(store.getMany([sha(0)], 'flip').get(sha(0))).toEqual(vector(99));
    expect(queries(() => store.getMany([sha(3)], 'orig'))).toBe(1);
    expect(queries(() => expect(store.getMany([], 'orig').size).toBe(0))).toBe(0);
  });
});
