/**
 * One measured import in a fresh process (spawned by import.bench.ts): creates a project, imports
 * a folder of class folders and prints one JSON line with the rate and this process's peak RSS.
 * Usage: tsx bench/import-worker.ts <projectDir> <folder>
 */
import path from 'node:path';
import type { ImportReport } from '../src/shared/domain';
import { createStudioCore } from '../src/core/index';
import { waitForJob } from '../src/test-support/test-core';

const [projectDir, folder] = process.argv.slice(2);

async function main(): Promise<void> {
  const core = createStudioCore({ prepareFeatures: false, dataDir: path.join(path.dirname(projectDir), 'data') });
  await core.context.session.create({ name: 'Bench', languages: ['en', 'fr'], dir: projectDir });
  const deck = await core.api.createDeck({ name: 'Bench' });
  const started = performance.now();
  const { jobId } = await core.api.startImport({ deckId: deck.id, sources: [{ path: folder }] });
  const report = await waitForJob<ImportReport>(core, jobId);
  const seconds = (performance.now() - started) / 1000;
  await core.close();
  // maxRSS is in kilobytes: the high-water mark of this whole process.
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ imported: report.imported, refused: report.refused.length, seconds, rate: report.imported / seconds, peakMb })}\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
