import fs from 'node:fs';
import path from 'node:path';
import type { RecentProject } from '../../shared/domain';
import { projectPaths } from './paths';

const FILE = 'recent-projects.json';
const KEEP = 12;

interface Entry {
  dir: string;
  name: string;
  openedAt: string;
}

/** The recently opened projects, newest first, kept as JSON in the studio's data folder. */
export class RecentProjects {
  constructor(private readonly dataDir: string) {}

  private get file(): string {
    return path.join(this.dataDir, FILE);
  }

  private read(): Entry[] {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (e: unknown): e is Entry =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as Entry).dir === 'string' &&
          typeof (e as Entry).name === 'string' &&
          typeof (e as Entry).openedAt === 'string',
      );
    } catch {
      // A missing or damaged list is not worth an error: it only remembers shortcuts.
      return [];
    }
  }

  list(): RecentProject[] {
    return this.read().map((e) => ({ ...e, exists: fs.existsSync(projectPaths(e.dir).db) }));
  }

  touch(dir: string, name: string): void {
    const entries = [{ dir, name, openedAt: new Date().toISOString() }, ...this.read().filter((e) => e.dir !== dir)].slice(0, KEEP);
    fs.mkdirSync(this.dataDir, { recursive: true });
    // Write then rename, so a crash never leaves a half-written list.
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(entries, null, 2));
    fs.renameSync(tmp, this.file);
  }
}
