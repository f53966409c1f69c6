import { describe, expect, it, vi } from 'vitest';
import { mergeDisjoint } from '../shared/merge-disjoint';

// A jobs domain that also answers "listDecks", as a careless new handler file might.
vi.mock('./handlers/jobs-handlers', async (importOriginal) => {
  const real = await importOriginal<typeof import('./handlers/jobs-handlers')>();
  return {
    createJobsHandlers: (ctx: Parameters<typeof real.createJobsHandlers>[0]) => ({
      ...real.createJobsHandlers(ctx),
      listDecks: async () => [],
    }),
  };
});

describe('merging the domains of the core', () => {
  it('refuses to start when two domains answer the same method, naming both', async () => {
    const { createStudioCore } = await import('./index');
    expect(() => createStudioCore({ dataDir: '/nonexistent/magritte-data', projectsDir: '/nonexistent/magritte-projects' })).toThrow(
      'The method "listDecks" is defined by both the project and the jobs domain.',
    );
  });

  it('keeps every method of maps that do not overlap', () => {
    expect(mergeDisjoint({ a: { x: 1 }, b: { y: 2 } })).toEqual({ x: 1, y: 2 });
  });
});
