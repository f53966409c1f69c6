import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { ProjectPage } from '../e2e/pages/project-page';
import { StartPage } from '../e2e/pages/start-page';
import { SKIP_REASON } from './skip-reason';

const binary = electronBinary();
const root = path.resolve(import.meta.dirname, '..', '..');
const shots = path.join(root, 'tests', 'artifacts', 'electron');

test.skip(!binary, SKIP_REASON);

let app: ElectronApplication;
let page: Page;
let tmp: string;

test.beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-electron-'));
  fs.mkdirSync(shots, { recursive: true });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
  app = await electron.launch({
    executablePath: binary!,
    // Chromium refuses to run as root (CI containers) with its OS sandbox; the page stays sandboxed.
    args: [root, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: {
      ...env,
      MAGRITTE_DATA_DIR: path.join(tmp, 'data'),
      MAGRITTE_PROJECTS_DIR: path.join(tmp, 'projects'),
      MAGRITTE_MODELS_PATH: path.resolve(root, '../shared/models'),
    },
  });
  page = await app.firstWindow();
});

test.afterAll(async () => {
  await app?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the window shows the studio from app:// with a locked-down page', async () => {
  await expect(page.getByRole('heading', { name: 'Magritte Studio' })).toBeVisible();
  expect(page.url()).toBe('app://studio/index.html');
  await page.screenshot({ path: path.join(shots, '01-start.png') });

  // What the page can reach: only the bridge; no Node; no new windows.
  const exposed = await page.evaluate(() => {
    const w = globalThis as unknown as { studio: object; require?: unknown; process?: unknown; open(url: string): unknown };
    return {
      bridge: Object.keys(w.studio).sort(),
      require: typeof w.require,
      process: typeof w.process,
      popup: w.open('https://example.com/') === null,
    };
  });
  expect(exposed).toEqual({ bridge: ['call', 'on', 'pathForFile', 'pickDirectory'], require: 'undefined', process: 'undefined', popup: true });
});

test('app:// refuses paths outside the renderer and unknown IPC methods', async () => {
  const statuses = await page.evaluate(async () => {
    const urls = ['app://studio/..%2f..%2fpackage.json', 'app://studio/%2e%2e/%2e%2e/package.json', 'app://media/blobs/..%2fproject.db'];
    const out: number[] = [];
    for (const url of urls) {
      try {
        const res = await fetch(url);
        const text = await res.text();
        out.push(res.ok && text.includes('"magritte-studio"') ? 200 : res.status);
      } catch {
        out.push(0); // refused without CORS headers: the page cannot even read the status
      }
    }
    return out;
  });
  expect(statuses.every((s) => s !== 200)).toBe(true);
  const answer = await page.evaluate(() =>
    (globalThis as unknown as { studio: { call(e: unknown): Promise<{ kind: string }> } }).studio.call({
      kind: 'call',
      id: 1,
      name: 'rm -rf',
      payload: null,
    }),
  );
  expect(answer.kind).toBe('error');
});

test('a teacher creates a project through the UI', async () => {
  const start = new StartPage(page);
  const dialog = await start.openNewProjectDialog();
  await start.fillNewProject(dialog, { name: 'Fruits', teacher: 'English', pupils: ['French', 'Spanish'] });
  await page.screenshot({ path: path.join(shots, '02-new-project.png') });
  await start.createProject(dialog);
  await new ProjectPage(page).expectOpen('Fruits');
  await page.screenshot({ path: path.join(shots, '03-project.png') });
  expect(fs.existsSync(path.join(tmp, 'projects', 'Fruits.magritte', 'project.db'))).toBe(true);
});
