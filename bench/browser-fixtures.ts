/** Shared by the benches that drive Chromium: the built pages, and a browser whose camera plays the fruit feed. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, fakeCameraArgs } from '../src/test-support/chromium';
import { createStudioCore, type StudioCore } from '../src/core/index';
import { MODELS, ROOT, SHARED } from './ml-fixtures';

/** out/renderer, built first when `page` (relative to it) is missing. */
export function builtRendererDir(page = 'index.html'): string {
  const rendererDir = path.join(ROOT, 'out/renderer');
  if (!fs.existsSync(path.join(rendererDir, page))) {
    const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('build failed');
  }
  return rendererDir;
}

/** Chromium whose camera plays ../shared/webcam/apple-then-orange.y4m (looped). */
export function launchWithFruitCamera(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...fakeCameraArgs(path.join(SHARED, 'webcam/apple-then-orange.y4m'))],
  });
}

/** A studio core on a fresh temporary folder (delete `tmp` when done), with no background preparation beside what a bench measures. */
export function benchCore(name: string): { tmp: string; core: StudioCore } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `magritte-bench-${name}-`));
  const core = createStudioCore({
    prepareFeatures: false,
    dataDir: path.join(tmp, 'data'),
    projectsDir: path.join(tmp, 'projects'),
    modelsPath: [MODELS],
  });
  return { tmp, core };
}
