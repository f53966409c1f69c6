import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/core/**/*.test.ts', 'electron/**/*.test.ts'],
    environment: 'node',
    // Real images, real SQLite and real TF.js: give slow shared machines room.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Native modules (sharp, better-sqlite3) and TF.js backends are happier in forked processes.
    pool: 'forks',
    env: { MAGRITTE_MODELS_PATH: '../shared/models' },
  },
});
