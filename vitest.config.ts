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
    // Two files at a time. Vitest's default on a 2-core machine is one (cores - 1), which leaves a
    // core idle while a file waits on child processes, timers or I/O; the whole suite passed with two
    // on a machine far busier than CI.
    maxWorkers: 2,
    env: { MAGRITTE_MODELS_PATH: '../shared/models' },
  },
});
