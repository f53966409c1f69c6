/**
 * Push figure: milliseconds to send a MobileNet v1 0.25-sized export (~1 MB in 4 files) to one
 * emulated phone through the real adb server, verification (sha256sum on the phone), placing and
 * the reload broadcast included: startPush -> job finished. The phone runs in its own process, as
 * a real phone would; median of 7 runs after a warm-up.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStudioCore } from '../src/core/index';
import { waitForJob } from '../src/test-support/test-core';
import { freePort } from '../src/test-support/free-port';
import { locateAdb } from '../src/core/devices/adb-locator';
import { AdbHost } from '../src/core/devices/adb-host';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BASE = path.resolve(ROOT, '../shared/models/mobilenet_v1_0.25_224');
const RUNS = 7;

/**
 * An export the size of the real one: the base model's feature-extractor weights (every shard but
 * the 1000-class ImageNet classifier, which transfer learning replaces) as the model file, plus
 * labels, words and a manifest.
 */
function makeExport(dir: string): { files: number; bytes: number } {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(BASE, 'model.json'), 'utf8')) as {
    weightsManifest: { paths: string[]; weights: { name: string }[] }[];
  };
  const shards = manifest.weightsManifest
    .filter((g) => !g.weights.some((w) => w.name.startsWith('conv_preds')))
    .flatMap((g) => g.paths)
    .map((p) => fs.readFileSync(path.join(BASE, p)));
  fs.writeFileSync(path.join(dir, 'model.tflite'), Buffer.concat(shards));
  fs.writeFileSync(path.join(dir, 'labels.txt'), 'apple\nbanana\ngrape\nlemon\norange\npear\n');
  fs.writeFileSync(path.join(dir, 'words.json'), JSON.stringify({ apple: { fr: 'pomme', es: 'manzana' }, orange: { fr: 'orange', es: 'naranja' } }));
  fs.writeFileSync(path.join(dir, 'deck.json'), JSON.stringify({ deck: 'Fruits', base: 'mobilenet_v1_0.25_224', input: 224 }));
  const names = fs.readdirSync(dir);
  return { files: names.length, bytes: names.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0) };
}

function startPhone(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/test-support/emulated-phone/cli.ts'), '--port', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('connect with')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`emulated phone exited (${code})`)));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magritte-push-bench-'));
  const adbPort = await freePort();
  const phonePort = await freePort();
  const bin = locateAdb().path;
  const env = { ...process.env, HOME: tmp, ANDROID_SDK_HOME: tmp };
  execFileSync(bin, ['-P', String(adbPort), 'start-server'], { env });
  process.env.ANDROID_ADB_SERVER_PORT = String(adbPort);
  const phone = await startPhone(phonePort);
  const core = createStudioCore({ prepareFeatures: false, dataDir: path.join(tmp, 'data'), projectsDir: path.join(tmp, 'projects') });
  try {
    const host = new AdbHost(bin, adbPort);
    await host.connect('127.0.0.1', phonePort);
    const serial = `127.0.0.1:${phonePort}`;
    for (let i = 0; i < 100 && !(await host.devices()).some((d) => d.serial === serial && d.state === 'device'); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await core.api.createProject({ name: 'Bench', languages: ['en', 'fr', 'es'] });
    const deck = await core.api.createDeck({ name: 'Fruits' });
    const exportDir = path.join(tmp, 'export');
    const { files, bytes } = makeExport(exportDir);

    const once = async (): Promise<number> => {
      const started = performance.now();
      const { jobId } = await core.api.startPush({ deckId: deck.id, exportDir, serials: [serial] });
      await waitForJob(core, jobId);
      return performance.now() - started;
    };
    await once(); // warm-up: JIT, adb's first sync connection
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await once());
    const ms = median(times);
    console.log(
      JSON.stringify({
        bench: 'push',
        value: Math.round(ms),
        unit: 'ms',
        files,
        bytes,
        mbPerSecond: Number((bytes / 1024 / 1024 / (ms / 1000)).toFixed(2)),
        runsMs: times.map((t) => Math.round(t)),
      }),
    );
  } finally {
    await core.close();
    phone.kill();
    execFileSync(bin, ['-P', String(adbPort), 'kill-server'], { env });
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
