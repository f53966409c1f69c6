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

const HELP_FLAGS = ['--help', '-h'];

function help(commands: CliCommand[]): string {
  const lines = ['Usage: magritte <command> [options]', '', 'Commands:'];
  for (const c of commands) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  lines.push('', 'Details of one command: magritte <command> --help');
  return `${lines.join('\n')}\n`;
}

/** One command's help: what it does, its usage and every option it takes. */
function commandHelp(c: CliCommand): string {
  const lines = [`Usage: magritte ${c.usage}`, '', c.summary];
  const options = Object.entries(c.options ?? {});
  if (options.length > 0) {
    lines.push('', 'Options:');
    for (const [name, o] of options) lines.push(`  --${name}${o.type === 'string' ? ' <value>' : ''}${o.multiple ? ' (may repeat)' : ''}`);
  }
  lines.push('  --help, -h      show this help');
  return `${lines.join('\n')}\n`;
}

/** Runs one command line; returns the exit code (0 ok, 1 error). */
export async function runCli(argv: string[], io: CliIo = defaultIo, coreOptions: StudioCoreOptions = {}, commands = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' && rest[0] !== undefined) return runCli([rest[0], '--help'], io, coreOptions, commands);
  if (!name || name === 'help' || HELP_FLAGS.includes(name)) {
    io.out(help(commands));
    return name ? 0 : 1;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${help(commands)}`);
    return 1;
  }
  // Asked for help anywhere on the line: answer it before checking the other arguments.
  if (rest.some((a) => HELP_FLAGS.includes(a))) {
    io.out(commandHelp(command));
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
  // One command, then exit: no background preparation beside it (it would only slow the command and be cancelled).
  const options: StudioCoreOptions = { prepareFeatures: false, ...coreOptions };
  const core = createStudioCore(typeof adb === 'string' ? { ...options, adbPath: path.resolve(adb) } : options);
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
