/**
 * The varied photo set of the quality benchmark: 5 words x 40 clothing photos, each taken by a
 * different person with their own camera, in their own room or outdoors. They are kept in the
 * repository (CC0, 5.6 MB) in data/varied-clothing, whose manifest.json gives the source commit and
 * the sha256 of every file; the benchmark checks them and refuses a partial or altered set.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { VARIED_CLOTHING } from '../src/test-support/varied-clothing';

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

const MANIFEST = path.join(VARIED_CLOTHING, 'manifest.json');

export function variedManifest(): Manifest {
  return JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Manifest;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const photoPath = (dir: string, f: ManifestFile) => path.join(dir, f.word, path.basename(f.path));

export interface VariedPhoto {
  file: string;
  cls: number;
  /** Position in its word's list (0-39): the first 20 train, the last 20 test. */
  index: number;
}

/**
 * The photos, or the reason they cannot be used (missing or altered files): the caller
 * prints it and skips the protocol rather than measuring on a partial set.
 */
export function variedPhotos(): { labels: string[]; photos: VariedPhoto[] } | { missing: string } {
  const m = variedManifest();
  const dir = VARIED_CLOTHING;
  const labels = [...new Set(m.files.map((f) => f.word))];
  const photos: VariedPhoto[] = [];
  const seen = new Map<string, number>();
  for (const f of m.files) {
    const file = photoPath(dir, f);
    if (!fs.existsSync(file) || sha256(fs.readFileSync(file)) !== f.sha256) {
      return {
        missing: `${path.relative(dir, file)} is missing from ${dir} or differs from its sha256 in manifest.json; restore the folder from git`,
      };
    }
    const index = seen.get(f.word) ?? 0;
    seen.set(f.word, index + 1);
    photos.push({ file, cls: labels.indexOf(f.word), index });
  }
  return { labels, photos };
}
