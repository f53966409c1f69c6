/** Helpers for the CLI's tests: run `magritte` in-process and keep what it prints. */
import type { StudioCoreOptions } from '../core/options';
import type { CliIo } from '../cli/command';
import { runCli } from '../cli/index';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * A `cli(...argv)` for tests. `options` is read at each call, so it may name folders a beforeAll
 * makes later; `io` adds to the captured output (e.g. `untilStopped` for open-on-phone).
 */
export function cliRunner(options: () => StudioCoreOptions, io: Partial<CliIo> = {}): (...argv: string[]) => Promise<CliRun> {
  return async (...argv) => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false, ...io }, options());
    return { code, out, err };
  };
}
