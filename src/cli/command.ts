import type { ParseArgsConfig } from 'node:util';
import type { StudioCore } from '../core/index';

/** Where a command writes: results to `out` (stdout), progress and errors to `err` (stderr). */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stderr is a terminal, so progress may redraw one line. */
  errIsTty: boolean;
  /**
   * Resolves when a command that keeps serving (open-on-phone) should stop. Defaults to Ctrl+C or
   * SIGTERM; tests pass their own.
   */
  untilStopped?: () => Promise<void>;
}

export interface CliRunArgs {
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  core: StudioCore;
  io: CliIo;
}

/**
 * One `magritte <name>` command. Add a file in ./commands and list it in ./commands/index.ts.
 * `run` returns the exit code; throwing a StudioError prints its message and fix and exits 1.
 */
export interface CliCommand {
  name: string;
  summary: string;
  /** e.g. "create <dir> --name NAME --langs en,fr,es" */
  usage: string;
  options?: ParseArgsConfig['options'];
  run(args: CliRunArgs): Promise<number>;
}
