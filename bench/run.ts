/**
 * `npm run bench`: runs every bench/*.bench.ts in turn, each in its own process (so one bench's
 * memory and threads never colour another's figures). Each prints JSON lines
 * `{"bench": "<name>", "value": <number>, "unit": "<unit>", ...}`; text around them is fine.
 * `npm run bench -- import` runs only the benches whose file name contains "import".
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const benches = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

let failed = 0;
for (const file of benches) {
  process.stderr.write(`\n== ${file}\n`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, file)], {
    cwd: path.resolve(here, '..'),
    stdio: 'inherit',
  });
  process.stderr.write(
    `== ${file}: ${result.status === 0 ? 'done' : `FAILED (exit ${result.status ?? result.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
