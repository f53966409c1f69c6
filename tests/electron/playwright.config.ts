import { defineConfig } from '@playwright/test';

/**
 * The Electron smoke test: the packaged shell (out/) launched by Playwright's _electron. It skips,
 * saying why, where Electron's binary is absent; the same UI is covered in Chromium by tests/e2e.
 */
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  outputDir: '../../test-results/electron',
  globalSetup: './global-setup.ts',
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
});
