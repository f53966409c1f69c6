import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, fakeCameraArgs } from './src/test-support/chromium';
import { sessionState } from './tests/e2e/support/session';

/**
 * End-to-end tests: the real UI in Chromium against the browser host (src/web/server.ts), which runs
 * the real core on a temporary data folder. The port and folder are chosen once, in the runner, and
 * reach the workers through the environment.
 */
function freePort(): number {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

process.env.MAGRITTE_E2E_PORT ??= String(freePort());
process.env.MAGRITTE_E2E_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-e2e-'));
// The shared host's session secret, known in advance so workers can hold it (src/web/session.ts).
process.env.MAGRITTE_E2E_TOKEN ??= randomBytes(32).toString('base64url');
const port = Number(process.env.MAGRITTE_E2E_PORT);
const dir = process.env.MAGRITTE_E2E_DIR;

const FAKE_CAMERA_ARGS = fakeCameraArgs(path.resolve('../shared/webcam/apple-then-orange.y4m'));
const CAMERA_SPECS = /(webcam|live-parity)\.spec\.ts$/;
/**
 * Specs that start a studio of their own (tests/e2e/support/deploy-setup.ts) and never touch the
 * shared host: in the whole suite they run in a second worker beside the others.
 */
const OWN_STUDIO_SPECS = /(adb-program|phone-cache|phone-errors|phone-page|phones|update-phones)\.spec\.ts$/;
/**
 * Opt-in (MAGRITTE_E2E_SIDE_BY_SIDE=1): the whole suite takes two workers, the own-studio specs
 * beside the shared-host ones, and the camera specs wait for 'e2e' (both use the shared host).
 * Off in `npm run test:e2e` and CI: on two cores the second worker doubles the load, and a full run
 * at load 15 failed four load-sensitive tests. Worth turning on where there are cores to spare.
 */
const SIDE_BY_SIDE = process.env.MAGRITTE_E2E_SIDE_BY_SIDE === '1';
/** Needs a studio that never opened a project: it runs before the rest, which make projects. */
const FIRST_RUN_SPEC = /first-run\.spec\.ts$/;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  // One core serves the shared-host specs and has one project open at a time: they run in order, in
  // one worker ('e2e', then 'camera'). Side by side, the specs with a studio of their own take a second.
  workers: SIDE_BY_SIDE ? 2 : 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  globalTeardown: './tests/e2e/support/global-teardown.ts',
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    storageState: sessionState(`http://127.0.0.1:${port}/`, process.env.MAGRITTE_E2E_TOKEN),
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'first-run', testMatch: FIRST_RUN_SPEC, workers: 1 },
    {
      name: 'e2e',
      testMatch: /.*\.spec\.ts$/,
      testIgnore: [CAMERA_SPECS, FIRST_RUN_SPEC, OWN_STUDIO_SPECS],
      dependencies: ['first-run'],
      workers: 1,
    },
    {
      // The webcam specs: Chromium's fake camera plays the shared apple-then-orange feed, and its
      // permission prompt is answered "allow" (a spec that needs "refused" opens its own browser).
      // They use the shared host too: with two workers they wait for 'e2e' rather than run beside it.
      name: 'camera',
      testMatch: CAMERA_SPECS,
      dependencies: SIDE_BY_SIDE ? ['e2e'] : ['first-run'],
      workers: 1,
      outputDir: 'test-results/camera',
      use: { launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...FAKE_CAMERA_ARGS] } },
    },
    // Their own studio, adb server and phones: nothing shared with the projects above.
    // Playwright runs a project once those it depends on are done, in phases: depending on 'first-run'
    // as 'e2e' does puts it in the same phase, so the two run side by side.
    {
      name: 'own-studio',
      testMatch: OWN_STUDIO_SPECS,
      dependencies: ['first-run'],
      outputDir: 'test-results/own-studio',
      workers: 1,
    },
  ],
  webServer: {
    command: `npm run build && npx tsx src/web/server.ts --port ${port} --data-dir "${path.join(dir, 'data')}" --projects-dir "${path.join(dir, 'projects')}"`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { MAGRITTE_MODELS_PATH: path.resolve('../shared/models'), MAGRITTE_SESSION_TOKEN: process.env.MAGRITTE_E2E_TOKEN },
  },
});
