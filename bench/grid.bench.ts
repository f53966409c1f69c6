/**
 * Curation grid figures with 5,000 photos in one deck, in Chromium against the browser host:
 * time to show the deck, how many thumbnails are in the page at once (virtualised), frame times
 * while scrolling steadily, and the time to select all.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import type { ImportReport } from '../src/shared/domain';
import { createStudioCore } from '../src/core/index';
import { waitForJob } from '../src/test-support/test-core';
import { startWebHost } from '../src/web/web-host';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../src/test-support/chromium';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MANY = 5000;
const CLASSES = ['Apple', 'Beetroot', 'Dates', 'Mango', 'Orange', 'Pomegranate'];

function line(bench: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ bench, value: Math.round(value * 100) / 100, unit, ...extra })}\n`);
}

/** 5,000 distinct small JPEGs in class folders (made once, kept in the OS temp folder). */
async function makePhotos(): Promise<string> {
  const dir = path.join(os.tmpdir(), `magritte-bench-grid-${MANY}-v1`);
  if (fs.existsSync(path.join(dir, '.complete'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < MANY; i++) {
    const cls = CLASSES[i % CLASSES.length];
    fs.mkdirSync(path.join(dir, cls), { recursive: true });
    // A colour per photo, plus its index written into the pixels, so every file differs.
    const raw = Buffer.alloc(96 * 72 * 3);
    for (let p = 0; p < raw.length; p += 3) {
      raw[p] = (i * 37 + p) % 256;
      raw[p + 1] = (i * 11) % 256;
      raw[p + 2] = (i >> 8) * 20 + ((p / 3) % 96);
    }
    raw.writeUInt32BE(i, 0);
    await sharp(raw, { raw: { width: 96, height: 72, channels: 3 } })
      .jpeg({ quality: 95 })
      .toFile(path.join(dir, cls, `${i}.jpg`));
  }
  fs.writeFileSync(path.join(dir, '.complete'), '');
  return dir;
}

async function main(): Promise<void> {
  const rendererDir = path.join(ROOT, 'out/renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('build failed');
  }
  const photos = await makePhotos();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-bench-grid-'));
  const core = createStudioCore({ prepareFeatures: false, dataDir: path.join(tmp, 'data'), projectsDir: path.join(tmp, 'projects') });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  try {
    await core.api.createProject({ name: 'Grid', languages: ['en', 'fr'] });
    const deck = await core.api.createDeck({ name: 'Many' });
    const { jobId } = await core.api.startImport({ deckId: deck.id, sources: [{ path: photos }] });
    const report = await waitForJob<ImportReport>(core, jobId);
    if (report.imported !== MANY) throw new Error(`imported ${report.imported} of ${MANY}`);

    const host = await startWebHost({ core, rendererDir, port: 0 });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const started = Date.now();
    await page.goto(`${host.url}#/deck/${deck.id}/photos`);
    await page
      .getByTestId('grid-count')
      .filter({ hasText: `${MANY} photos` })
      .waitFor();
    await page.waitForFunction(`[...document.querySelectorAll('[data-testid="photo"] img')].some((i) => i.naturalWidth > 0)`);
    line('grid-5000-first-render', Date.now() - started, 'ms');
    line('grid-5000-dom-cells', await page.getByTestId('photo').count(), 'cells', { photos: MANY });

    // Scroll steadily (60 px a frame, about a screen a second) for 3 s and time every frame.
    // Passed as text: tsx would otherwise wrap named functions in a helper the page does not have.
    const frames = await page.evaluate<number[]>(`(async () => {
      const grid = document.querySelector('[data-testid="photo-grid"]');
      const deltas = [];
      let last = performance.now();
      const end = last + 3000;
      await new Promise((resolve) => {
        const step = (now) => {
          deltas.push(now - last);
          last = now;
          grid.scrollTop = (grid.scrollTop + 60) % (grid.scrollHeight - grid.clientHeight);
          if (now < end) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      });
      return deltas.slice(1);
    })()`);
    frames.sort((a, b) => a - b);
    const p95 = frames[Math.floor(frames.length * 0.95)];
    line('grid-5000-scroll-frame-p95', p95, 'ms', { frames: frames.length, median: frames[Math.floor(frames.length / 2)] });
    line('grid-5000-scroll-long-frames', (100 * frames.filter((f) => f > 50).length) / frames.length, '%', { over: '50 ms' });

    await page.getByTestId('photo-grid').focus();
    const t0 = Date.now();
    await page.keyboard.press('Control+a');
    await page
      .getByTestId('selection-count')
      .filter({ hasText: `${MANY} of ${MANY} selected` })
      .waitFor();
    line('grid-5000-select-all', Date.now() - t0, 'ms');
    await host.close();
  } finally {
    await browser.close();
    await core.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
