/**
 * Running a command on a phone through `shell:`. Phones without adb's shell protocol v2 give no exit
 * status, so each command line ends with an echo of `$?` behind a marker, which is cut off again.
 */
import type { Duplex } from 'node:stream';
import type { AdbHost } from './adb-host';

const MARKER = '__MAGRITTE_RC=';

export interface ShellResult {
  output: string;
  /** The command line's exit status; null if the phone went away before saying it. */
  status: number | null;
}

/** Quotes one word for the phone's shell (mksh/toybox): single quotes, with ' written as '\''. */
export function shQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export class ShellTimeout extends Error {}

function readAll(stream: Duplex, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      stream.destroy();
      reject(new ShellTimeout(`the phone did not answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    stream.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

export async function runOnPhone(host: AdbHost, serial: string, command: string, timeoutMs = 30_000): Promise<ShellResult> {
  const stream = (await host.client.getDevice(serial).shell(`${command}; echo "${MARKER}$?"`)) as Duplex;
  const raw = (await readAll(stream, timeoutMs)).replace(/\r\n/g, '\n');
  const at = raw.lastIndexOf(MARKER);
  if (at < 0) return { output: raw, status: null };
  const status = Number.parseInt(raw.slice(at + MARKER.length), 10);
  return { output: raw.slice(0, at), status: Number.isNaN(status) ? null : status };
}
