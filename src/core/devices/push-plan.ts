/**
 * What a push sends and where: the files of an export folder with their hashes (computed once,
 * before any phone is touched) and the phone folders they go to.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DeviceSettings } from '../../shared/api/devices';
import { StudioError } from '../../shared/errors';

export interface PlanFile {
  /** Path relative to the export folder, with forward slashes ("model.tflite", "tfjs/model.json"). */
  rel: string;
  abs: string;
  size: number;
  sha256: string;
  md5: string;
}

export interface PushPlan {
  deckName: string;
  exportDir: string;
  files: PlanFile[];
  totalBytes: number;
  /** The deck's folder on the phone, without trailing slash. */
  destination: string;
  /**
   * Where `.part` files are written and checked before being moved into `destination`: a hidden
   * sibling on the same storage, so the destination never holds a half-sent or unchecked file and
   * the final `mv` is a rename.
   */
  staging: string;
  appPackage: string;
  reloadAction: string;
}

/** A deck name made safe as one folder name on the phone (letters and digits of any script kept). */
export function deckFolderName(deckName: string): string {
  const cleaned = deckName
    .normalize('NFC')
    .trim()
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^[._]+|_+$/g, '');
  return cleaned.length > 0 ? cleaned.slice(0, 80) : 'deck';
}

export function phoneDestination(settings: DeviceSettings, deckName: string): string {
  const folder = settings.destinationTemplate.replaceAll('{package}', settings.appPackage).replaceAll('{deck}', deckFolderName(deckName));
  return path.posix.normalize(folder).replace(/\/+$/, '');
}

function hashFile(file: string): Promise<{ sha256: string; md5: string }> {
  return new Promise((resolve, reject) => {
    const sha = createHash('sha256');
    const md5 = createHash('md5');
    fs.createReadStream(file)
      .on('data', (c) => {
        sha.update(c);
        md5.update(c);
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: sha.digest('hex'), md5: md5.digest('hex') }));
  });
}

/**
 * The files worth sending: hidden files are skipped, and so is the export's own zip at the top
 * (the same files again, for sharing by hand; the phone app reads the files themselves).
 */
function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      if (dir === root && e.isFile() && e.name.toLowerCase().endsWith('.zip')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) out.push(full);
    }
  };
  walk(root);
  return out.sort();
}

export async function buildPushPlan(exportDir: string, deckName: string, settings: DeviceSettings): Promise<PushPlan> {
  const dir = path.resolve(exportDir);
  const files = fs.existsSync(dir) && fs.statSync(dir).isDirectory() ? listFiles(dir) : [];
  if (files.length === 0) {
    throw new StudioError(
      'FILE_NOT_FOUND',
      `There is nothing to send: the export folder ${dir} is missing or empty.`,
      'Export the deck first, then send it to the phones.',
    );
  }
  const planFiles: PlanFile[] = [];
  for (const abs of files) {
    const rel = path.relative(dir, abs).split(path.sep).join('/');
    planFiles.push({ rel, abs, size: fs.statSync(abs).size, ...(await hashFile(abs)) });
  }
  const destination = phoneDestination(settings, deckName);
  const staging = path.posix.join(path.posix.dirname(destination), `.incoming-${path.posix.basename(destination)}`);
  return {
    deckName,
    exportDir: dir,
    files: planFiles,
    totalBytes: planFiles.reduce((n, f) => n + f.size, 0),
    destination,
    staging,
    appPackage: settings.appPackage,
    reloadAction: settings.reloadAction,
  };
}
