import type { Deck, JobProgress } from '../shared/domain';
import { StudioError, toErrorPayload, type StudioErrorPayload } from '../shared/errors';
import { formatTimeLeft } from '../shared/format';
import type { StudioCore } from '../core/index';
import type { CliIo } from './command';

/**
 * `--adb PATH` for the commands that talk to phones: the adb program to run (checked to be adb
 * before first use); runCli hands it to the core. Without it: ANDROID_HOME, ANDROID_SDK_ROOT, PATH.
 */
export const ADB_OPTION = { adb: { type: 'string' } } as const;

/** A required positional argument, or a clear usage error. */
export function positional(positionals: string[], index: number, name: string, usage: string): string {
  const value = positionals[index];
  if (value === undefined || value.length === 0) {
    throw new StudioError('INVALID_ARGUMENT', `Missing ${name}.`, `Usage: magritte ${usage}`);
  }
  return value;
}

export function stringOption(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** Finds a deck by name (case-insensitive), creating it when asked to. */
export async function deckByName(core: StudioCore, name: string, create: boolean): Promise<Deck> {
  const found = (await core.api.listDecks()).find((d) => d.name.toLowerCase() === name.trim().toLowerCase());
  if (found) return found;
  if (!create) throw new StudioError('DECK_NOT_FOUND', `There is no deck called "${name}".`, 'Check the name with "magritte info <dir>".');
  return core.api.createDeck({ name });
}

/** Waits for a job, drawing its progress on stderr; resolves with its result or throws its error. */
export function followJob(core: StudioCore, jobId: string, io: CliIo): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let lastLine = 0;
    let lastText = '';
    const draw = (p: JobProgress) => {
      const now = Date.now();
      if (!io.errIsTty && now - lastLine < 1000 && p.done !== p.total) return;
      const text = `${p.done}/${p.total} (${p.rate.toFixed(1)}/s${p.etaMs === null ? '' : `, ${formatTimeLeft(p.etaMs)}`}) ${p.message}`;
      if (text === lastText) return;
      lastLine = now;
      lastText = text;
      io.err(io.errIsTty ? `\r\x1b[2K${text}` : `${text}\n`);
    };
    const stop = () => {
      offProgress();
      offFinished();
      offFailed();
      if (io.errIsTty) io.err('\n');
    };
    const offProgress = core.events.on('job.progress', (p) => {
      if (p.jobId === jobId) draw(p);
    });
    const offFinished = core.events.on('job.finished', (e) => {
      if (e.jobId !== jobId) return;
      stop();
      resolve(e.result);
    });
    const offFailed = core.events.on('job.failed', (e) => {
      if (e.jobId !== jobId) return;
      stop();
      reject(StudioError.fromPayload(e.error as StudioErrorPayload));
    });
  });
}

/**
 * The one way every command reports a failure: a single line with the message and the fix (so a
 * script's log, or a teacher reading a terminal, gets the whole story at once) and no stack trace
 * unless MAGRITTE_DEBUG asks for one.
 */
export function errorLine(e: unknown): string {
  const p = toErrorPayload(e);
  const line = `Error: ${p.message} Fix: ${p.fix}`.replace(/\s*[\r\n]+\s*/g, ' ');
  const stack = process.env.MAGRITTE_DEBUG && e instanceof Error ? `${e.stack ?? ''}\n` : '';
  return `${line}\n${stack}`;
}
