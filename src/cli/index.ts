/**
 * `magritte <command> ...`: the studio's core driven from a terminal (scripts, benchmarks, CI).
 * Each command lives in ./commands; this file parses arguments and turns errors into exit codes.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createStudioCore, type StudioCoreOptions } from '../core/index';
import { errorLine } from './cli-helpers';
import type { CliCommand, CliIo } from './command';
import { COMMANDS } from './commands/index';

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  errIsTty: Boolean(process.stderr.isTTY),
};

function help(commands: CliCommand[]): string {
  const lines = ['Usage: magritte <command> [options]', '', 'Commands:'];
  for (const c of commands) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  return `${lines.join('\n')}\n`;
}

/** Runs one command line; returns the exit code (0 ok, 1 error). */
export async function runCli(argv: string[], io: CliIo = defaultIo, coreOptions: StudioCoreOptions = {}, commands = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(help(commands));
    return name ? 0 : 1;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${help(commands)}`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: magritte ${command.usage}\n${command.summary}\n`);
    return 0;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\nUsage: magritte ${command.usage}\n`);
    return 1;
  }
  const adb = parsed.values.adb;
  const core = createStudioCore(typeof adb === 'string' ? { ...coreOptions, adbPath: path.resolve(adb) } : coreOptions);
  try {
    return await command.run({ positionals: parsed.positionals, values: parsed.values, core, io });
  } catch (e) {
    io.err(errorLine(e));
    return 1;
  } finally {
    // A failing close (a project on a pulled USB stick) must not turn into a stack trace either.
    await core.close().catch((e: unknown) => io.err(errorLine(e)));
  }
}

