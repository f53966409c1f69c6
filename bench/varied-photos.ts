/**
 * The varied photo set of the quality benchmark: 5 words x 40 clothing photos, each taken by a
 * different person with their own camera, in their own room or outdoors (CC0; provenance and the
 * sha256 of every file in bench/data/varied-photos.json). At 5.6 MB they are not committed: this
 * module brings them into a cache folder from a snapshot of the public repository they come from,
 * checking every file's sha256, and the benchmark skips the protocol (saying why) when absent.
 *
 *   npx tsx bench/varied-photos.ts <path to the snapshot's git directory>
 *
 * Cache folder: $MAGRITTE_VARIED_PHOTOS, else ../shared/data/varied-clothing (beside the fruits).
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED } from './ml-fixtures';

interface ManifestFile {
  word: string;
  path: string;
  sha256: string;
  bytes: number;
}
interface Manifest {
  name: string;
  licence: string;
  source: { repository: string; commit: string };
  files: ManifestFile[];
}

const MANIFEST = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data/varied-photos.json');

export function variedManifest(): Manifest {
  return JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Manifest;
}

export function variedCacheDir(): string {
  return process.env.MAGRITTE_VARIED_PHOTOS ?? path.join(SHARED, 'data/varied-clothing');
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const cachedPath = (dir: string, f: ManifestFile) => path.join(dir, f.word, path.basename(f.path));

export interface VariedPhoto {
  file: string;
  cls: number;
  /** Position in its word's list (0-39): the first 20 train, the last 20 test. */
  index: number;
}

/**
 * The cached photos, or the reason they cannot be used (missing or altered files): the caller
 * prints it and skips the protocol rather than measuring on a partial set.
 */
export function variedPhotos(): { labels: string[]; photos: VariedPhoto[] } | { missing: string } {
  const m = variedManifest();
  const dir = variedCacheDir();
  const labels = [...new Set(m.files.map((f) => f.word))];
  const photos: VariedPhoto[] = [];
  const seen = new Map<string, number>();
  for (const f of m.files) {
    const file = cachedPath(dir, f);
    if (!fs.existsSync(file) || sha256(fs.readFileSync(file)) !== f.sha256) {
      return {
        missing: `the varied photos are not in ${dir} (or differ from bench/data/varied-photos.json); bring them with: npx tsx bench/varied-photos.ts <git dir of a ${m.source.repository} snapshot>`,
      };
    }
    const index = seen.get(f.word) ?? 0;
    seen.set(f.word, index + 1);
    photos.push({ file, cls: labels.indexOf(f.word), index });
  }
  return { labels, photos };
}

/** Copies every listed file out of a snapshot's git directory into the cache, checking each sha256. */
export function bringVariedPhotos(gitDir: string, dir = variedCacheDir()): number {
  const m = variedManifest();
  let n = 0;
  for (const f of m.files) {
    const bytes = execFileSync('git', ['--git-dir', gitDir, 'cat-file', 'blob', `${m.source.commit}:${f.path}`], { maxBuffer: 64 << 20 });
    if (sha256(bytes) !== f.sha256) throw new Error(`${f.path} in ${gitDir} does not match its sha256 in the manifest`);
    fs.mkdirSync(path.join(dir, f.word), { recursive: true });
    fs.writeFileSync(cachedPath(dir, f), bytes);
    n++;
  }
  return n;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const gitDir = process.argv[2];
  if (!gitDir) {
    process.stderr.write('usage: npx tsx bench/varied-photos.ts <git dir of a snapshot of the source repository>\n');
    process.exit(2);
  }
  const n = bringVariedPhotos(gitDir);
  process.stdout.write(`${n} photos checked and copied into ${variedCacheDir()} (licence: ${variedManifest().licence})\n`);
}
