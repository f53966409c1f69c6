/**
 * The emulated phone's `shell:` service: runs the handful of toybox/mksh commands the studio and
 * adbkit use, against the phone's storage, and records every `am` call so tests can check them.
 * Messages imitate Android's wording so the studio's parsing is tested against realistic text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { parseCommandLine, expandWord } from './shell-parse';
import { PhoneStorage, TOTAL_BYTES } from './phone-storage';

export interface ShellContext {
  storage: PhoneStorage;
  props: Record<string, string>;
  /** Every `am ...` invocation, as argv after "am". */
  amLog: string[][];
  /** Every command line run, for debugging and assertions. */
  shellLog: string[];
}

interface Result {
  out: string;
  status: number;
}

const SH = '/system/bin/sh';

export function runShell(ctx: ShellContext, line: string): string {
  ctx.shellLog.push(line);
  let status = 0;
  let out = '';
  let commands;
  try {
    commands = parseCommandLine(line);
  } catch (e) {
    return `${SH}: syntax error: ${(e as Error).message}\n`;
  }
  for (const cmd of commands) {
    if (cmd.op === '&&' && status !== 0) continue;
    if (cmd.op === '||' && status === 0) continue;
    const argv = cmd.words.map((w) => expandWord(w, status));
    const r = runOne(ctx, argv);
    out += r.out;
    status = r.status;
  }
  return out;
}

function runOne(ctx: ShellContext, argv: string[]): Result {
  const [name, ...args] = argv;
  try {
    switch (name) {
      case 'echo':
        return ok(args.join(' ') + '\n');
      case 'true':
        return ok('');
      case 'false':
        return { out: '', status: 1 };
      case 'sha256sum':
        if (!ctx.storage.faults.hasSha256sum) return notFound(name);
        return hashFiles(ctx, 'sha256', name, args);
      case 'md5sum':
        return hashFiles(ctx, 'md5', name, args);
      case 'mkdir':
        return mkdir(ctx, args);
      case 'mv':
        return mv(ctx, args);
      case 'rm':
        return rm(ctx, args);
      case 'rmdir':
        return rmdir(ctx, args);
      case 'ls':
        return ls(ctx, args);
      case 'cat':
        return cat(ctx, args);
      case 'df':
        return df(ctx, args);
      case 'getprop':
        return getprop(ctx, args);
      case 'am':
        return am(ctx, args);
      default:
        return notFound(name ?? '');
    }
  } catch (e) {
    return { out: `${name}: ${(e as Error).message}\n`, status: 1 };
  }
}

const ok = (out: string): Result => ({ out, status: 0 });
const notFound = (name: string): Result => ({ out: `${SH}: ${name}: inaccessible or not found\n`, status: 127 });
const flagsAndOperands = (args: string[]) => ({
  flags: args.filter((a) => a.startsWith('-') && a.length > 1).join(''),
  operands: args.filter((a) => !(a.startsWith('-') && a.length > 1)),
});
const noSuch = (cmd: string, p: string): string => `${cmd}: ${p}: No such file or directory\n`;

function hashFiles(ctx: ShellContext, algo: string, cmd: string, files: string[]): Result {
  let out = '';
  let status = 0;
  for (const f of files) {
    const host = ctx.storage.hostPath(f);
    if (!fs.existsSync(host) || !fs.statSync(host).isFile()) {
      out += noSuch(cmd, f);
      status = 1;
      continue;
    }
    out += `${createHash(algo).update(fs.readFileSync(host)).digest('hex')}  ${f}\n`;
  }
  return { out, status };
}

function mkdir(ctx: ShellContext, args: string[]): Result {
  const { flags, operands } = flagsAndOperands(args);
  let out = '';
  for (const d of operands) {
    const host = ctx.storage.hostPath(d);
    if (flags.includes('p')) fs.mkdirSync(host, { recursive: true });
    else if (fs.existsSync(host)) out += `mkdir: '${d}': File exists\n`;
    else if (!fs.existsSync(path.dirname(host))) out += `mkdir: '${d}': No such file or directory\n`;
    else fs.mkdirSync(host);
  }
  return { out, status: out ? 1 : 0 };
}

function mv(ctx: ShellContext, args: string[]): Result {
  const { operands } = flagsAndOperands(args);
  if (operands.length < 2) return { out: 'mv: Needs 2 arguments\n', status: 1 };
  const target = ctx.storage.hostPath(operands[operands.length - 1]);
  const targetIsDir = fs.existsSync(target) && fs.statSync(target).isDirectory();
  let out = '';
  for (const src of operands.slice(0, -1)) {
    const from = ctx.storage.hostPath(src);
    if (!fs.existsSync(from)) {
      out += `mv: bad '${src}': No such file or directory\n`;
      continue;
    }
    const to = targetIsDir ? path.join(target, path.basename(from)) : target;
    fs.renameSync(from, to);
  }
  return { out, status: out ? 1 : 0 };
}

function rm(ctx: ShellContext, args: string[]): Result {
  const { flags, operands } = flagsAndOperands(args);
  const force = flags.includes('f');
  const recursive = /[rR]/.test(flags);
  let out = '';
  for (const p of operands) {
    const host = ctx.storage.hostPath(p);
    if (!fs.existsSync(host)) {
      if (!force) out += noSuch('rm', p);
      continue;
    }
    if (fs.statSync(host).isDirectory() && !recursive) {
      out += `rm: ${p}: is a directory\n`;
      continue;
    }
    fs.rmSync(host, { recursive, force: true });
  }
  return { out, status: out ? 1 : 0 };
}

function rmdir(ctx: ShellContext, args: string[]): Result {
  let out = '';
  for (const p of flagsAndOperands(args).operands) {
    try {
      fs.rmdirSync(ctx.storage.hostPath(p));
    } catch {
      out += `rmdir: ${p}: Directory not empty\n`;
    }
  }
  return { out, status: out ? 1 : 0 };
}

function ls(ctx: ShellContext, args: string[]): Result {
  const { flags, operands } = flagsAndOperands(args);
  let out = '';
  let status = 0;
  for (const p of operands.length > 0 ? operands : ['/']) {
    const host = ctx.storage.hostPath(p);
    if (!fs.existsSync(host)) {
      out += `ls: ${p}: No such file or directory\n`;
      status = 1;
      continue;
    }
    const names = fs.statSync(host).isDirectory() ? fs.readdirSync(host).sort() : [p];
    for (const n of names) {
      if (!flags.includes('l')) {
        out += `${n}\n`;
        continue;
      }
      const st = fs.statSync(fs.statSync(host).isDirectory() ? path.join(host, n) : host);
      const mode = st.isDirectory() ? 'drwxrwx--x' : '-rw-rw----';
      out += `${mode} 1 u0_a123 sdcard_rw ${st.size} 2026-01-01 12:00 ${n}\n`;
    }
  }
  return { out, status };
}

function cat(ctx: ShellContext, args: string[]): Result {
  let out = '';
  for (const p of args) {
    const host = ctx.storage.hostPath(p);
    out += fs.existsSync(host) ? fs.readFileSync(host, 'utf8') : noSuch('cat', p);
  }
  return ok(out);
}

/** toybox `df -k` layout: 1K blocks. Everything is one volume on this phone. */
function df(ctx: ShellContext, args: string[]): Result {
  const { operands } = flagsAndOperands(args);
  const free = Math.floor(ctx.storage.reportedFreeBytes() / 1024);
  const total = Math.floor(TOTAL_BYTES / 1024);
  const used = Math.max(0, total - free);
  const pct = Math.round((used * 100) / total);
  let out = 'Filesystem     1K-blocks     Used Available Use% Mounted on\n';
  for (const p of operands.length > 0 ? operands : ['/sdcard']) {
    if (!fs.existsSync(ctx.storage.hostPath(p))) return { out: `df: ${p}: No such file or directory\n`, status: 1 };
  }
  out += `/dev/fuse      ${total} ${used} ${free} ${pct}% /storage/emulated\n`;
  return ok(out);
}

function getprop(ctx: ShellContext, args: string[]): Result {
  if (args.length > 0) return ok(`${ctx.props[args[0]] ?? ''}\n`);
  const lines = Object.entries(ctx.props).map(([k, v]) => `[${k}]: [${v}]\n`);
  return ok(lines.join(''));
}

/** Activity manager: only records the call and answers like Android does. */
function am(ctx: ShellContext, args: string[]): Result {
  ctx.amLog.push(args);
  const [verb, ...rest] = args;
  const opt = (flag: string): string | undefined => {
    const i = rest.indexOf(flag);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const intent = [opt('-a') && `act=${opt('-a')}`, opt('-d') && `dat=${opt('-d')}`, opt('-p') && `pkg=${opt('-p')}`].filter(Boolean).join(' ');
  if (verb === 'broadcast') {
    return ok(`Broadcasting: Intent { ${intent} flg=0x400000 }\nBroadcast completed: result=0\n`);
  }
  if (verb === 'start') return ok(`Starting: Intent { ${intent} }\n`);
  return { out: `Error: unknown command '${verb ?? ''}'\n`, status: 1 };
}
