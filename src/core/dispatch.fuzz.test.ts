/**
 * Fuzz pass over the whole contract: every method (METHOD_NAMES, so a new one is covered at once)
 * gets null, undefined and seeded random payloads (junk of every kind, prototype keys, huge
 * strings, and well-formed requests made from its validator, some naming things that do not exist)
 * through the real dispatcher of a real core with a real project open and a real adb server.
 * Nothing may come back INTERNAL, throw, or hang. MAGRITTE_FUZZ_SEED replays another seed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, REQUEST_SCHEMAS, type MethodName } from '../shared/api';
import type { Envelope } from '../shared/envelope';
import type { JobSnapshot } from '../shared/domain';
import type { StudioErrorPayload } from '../shared/errors';
import { startAdbServer, type AdbTestServer } from '../test-support/emulated-phone/adb-test-server';
import { dispatchCall } from './dispatch';
import { runImport, testCore, type TestCore } from '../test-support/test-core';
import { fruitFrames } from '../test-support/fruits';
import { FuzzValues, hashName, seededRandom } from '../test-support/fuzz-values';

const SEED = Number(process.env.MAGRITTE_FUZZ_SEED ?? 1);
const PAYLOADS_PER_METHOD = 40;
const CALL_TIMEOUT_MS = 30_000;

interface Finding {
  method: string;
  payload: string;
  problem: string;
}

function describePayload(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
    return text.length > 200 ? `${text.slice(0, 200)}… (${text.length} chars)` : text;
  } catch {
    return String(value);
  }
}

/** Where a reply or a job result carries an INTERNAL code (a refused file, a failed phone...). */
function internalInside(value: unknown, depth = 0): string | null {
  if (depth > 6 || typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.code === 'INTERNAL') return String(v.message ?? v.reason ?? 'INTERNAL');
  for (const child of Array.isArray(value) ? value : Object.values(v)) {
    const found = internalInside(child, depth + 1);
    if (found) return found;
  }
  return null;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

describe('contract fuzz', () => {
  let adb: AdbTestServer;
  let t: TestCore;
  let projectDir: string;
  let pristine: string;
  let values: { integers: number[]; strings: string[] };
  const previousCwd = process.cwd();
  const findings: Finding[] = [];

  beforeAll(async () => {
    adb = await startAdbServer();
    process.env.ANDROID_ADB_SERVER_PORT = String(adb.port);
    t = await testCore();
    const { api } = t.core;
    // Relative paths in payloads land in a scratch folder, never in the repository.
    const cwd = path.join(t.tmp, 'cwd', 'a', 'b');
    fs.mkdirSync(cwd, { recursive: true });
    process.chdir(cwd);
    // Photos are copied so that no payload can make the studio write beside the shared originals.
    const photos = path.join(t.tmp, 'photos');
    for (const cls of ['Apple', 'Mango']) {
      fs.mkdirSync(path.join(photos, cls), { recursive: true });
      for (const f of fruitFrames(cls).slice(0, 3)) fs.copyFileSync(f, path.join(photos, cls, path.basename(f)));
    }
    const fruits = await api.createDeck({ name: 'Fruits' });
    const report = await runImport(t.core, { deckId: fruits.id, sources: [{ path: photos }] });
    const empty = await api.createDeck({ name: 'Empty' });
    const classes = await api.listClasses({ deckId: fruits.id });
    projectDir = t.core.context.session.require().dir;
    await api.closeProject();
    pristine = path.join(t.tmp, 'pristine.magritte');
    fs.cpSync(projectDir, pristine, { recursive: true });
    await api.openProject({ dir: projectDir });
    values = {
      // adb's port is taken: a phone page asked to serve there must say so, not fail inside.
      integers: [fruits.id, empty.id, ...classes.map((c) => c.id), ...report.photoIds, adb.port],
      strings: [
        photos,
        path.join(photos, 'Apple', fs.readdirSync(path.join(photos, 'Apple'))[0]),
        path.join(t.tmp, 'nowhere', 'at', 'all'),
        path.join(t.tmp, 'out'),
        projectDir,
        path.join(projectDir, 'project.db'),
        '../x',
        'mobilenet_v1_0.25_224',
        'conv_pw_13_relu',
        'emulator-5554',
      ],
    };
    t.core.events.on('job.failed', (e) => {
      if (e.error.code === 'INTERNAL') findings.push({ method: `job ${e.kind}`, payload: e.jobId, problem: e.error.message });
    });
  });

  afterAll(async () => {
    process.chdir(previousCwd);
    await t?.dispose();
    await adb?.stop();
  });

  /** Each method starts from the same project, whatever the previous one deleted or closed. */
  async function restoreProject(): Promise<void> {
    await t.core.api.closeProject();
    fs.rmSync(projectDir, { recursive: true, force: true });
    fs.cpSync(pristine, projectDir, { recursive: true });
    await t.core.api.openProject({ dir: projectDir });
  }

  /** A job a payload started is cancelled at once: the fuzz checks the door, not long work. */
  async function stopJob(jobId: string): Promise<JobSnapshot | 'running'> {
    await t.core.api.cancelJob({ jobId }).catch(() => undefined);
    const until = Date.now() + CALL_TIMEOUT_MS;
    while (Date.now() < until) {
      const job = await t.core.api.getJob({ jobId });
      if (job.state !== 'running') return job;
      await new Promise((r) => setTimeout(r, 20));
    }
    return 'running';
  }

  it('answers every method with a reply or a StudioError, never INTERNAL, never hanging', async () => {
    const started = Date.now();
    const methods = [...METHOD_NAMES].sort() as MethodName[];
    let calls = 0;
    const outcomes = new Map<string, number>();
    const slowest: string[] = [];
    for (const method of methods) {
      const methodStarted = Date.now();
      await restoreProject();
      const fuzz = new FuzzValues(seededRandom(SEED ^ hashName(method)), values);
      const payloads: unknown[] = [undefined, null];
      for (let i = 0; i < PAYLOADS_PER_METHOD; i++) payloads.push(fuzz.payload(REQUEST_SCHEMAS[method]));
      for (const payload of payloads) {
        const shown = describePayload(payload);
        const envelope: Envelope = { kind: 'call', id: ++calls, name: method, payload };
        const answer = await withTimeout(dispatchCall(t.core.api, envelope), CALL_TIMEOUT_MS);
        if (answer === 'timeout') {
          findings.push({ method, payload: shown, problem: `no answer within ${CALL_TIMEOUT_MS} ms` });
          continue;
        }
        const outcome = answer.kind === 'reply' ? 'reply' : (answer.payload as StudioErrorPayload).code;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (answer.kind === 'error' && (answer.payload as StudioErrorPayload).code === 'INTERNAL') {
          findings.push({ method, payload: shown, problem: (answer.payload as StudioErrorPayload).message });
        }
        const inside = answer.kind === 'reply' ? internalInside(answer.payload) : null;
        if (inside) findings.push({ method, payload: shown, problem: `reply holds INTERNAL: ${inside}` });
        const jobId = answer.kind === 'reply' ? (answer.payload as { jobId?: unknown } | null)?.jobId : undefined;
        if (typeof jobId === 'string') {
          const job = await stopJob(jobId);
          if (job === 'running') findings.push({ method, payload: shown, problem: 'its job did not stop when cancelled' });
          else if (internalInside(job.result))
            findings.push({ method, payload: shown, problem: `job result holds INTERNAL: ${internalInside(job.result)}` });
        }
        if (t.core.context.session.current()?.dir !== projectDir) await t.core.api.openProject({ dir: projectDir });
      }
      slowest.push(`${method} ${((Date.now() - methodStarted) / 1000).toFixed(1)} s`);
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `contract fuzz: ${methods.length} methods x ${PAYLOADS_PER_METHOD + 2} payloads = ${calls} calls in ${seconds.toFixed(1)} s (seed ${SEED})`,
    );
    console.log(`answers: ${[...outcomes].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    console.log(
      `slowest: ${slowest
        .sort((a, b) => parseFloat(b.split(' ').at(-2)!) - parseFloat(a.split(' ').at(-2)!))
        .slice(0, 6)
        .join(', ')}`,
    );
    expect(methods.length).toBeGreaterThanOrEqual(50);
    // The fuzz reaches the handlers: many requests are well formed, and some name missing things.
    expect(outcomes.get('reply') ?? 0).toBeGreaterThan(methods.length * 5);
    expect(outcomes.get('DECK_NOT_FOUND') ?? 0).toBeGreaterThan(0);
    expect(findings, findings.map((f) => `${f.method} ${f.payload}: ${f.problem}`).join('\n')).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
