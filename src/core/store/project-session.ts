import path from 'node:path';
import type { LanguageCode, ProjectInfo } from '../../shared/domain';
import { StudioError } from '../../shared/errors';
import type { EventBus } from '../event-bus';
import type { ResolvedOptions } from '../options';
import { DB_FILE, PROJECT_SUFFIX } from './paths';
import { ProjectStore, realFolder } from './project-store';
import { RecentProjects } from './recent-projects';

export interface CreateProjectOptions {
  name: string;
  languages: LanguageCode[];
  /** Folder in which `<name>.magritte` is made; defaults to the projects folder. */
  parentDir?: string;
  /** Exact project folder to make instead (the CLI's `create <dir>`). */
  dir?: string;
}

/** The one project a core has open (or none), plus the recent-projects list. */
export class ProjectSession {
  private store: ProjectStore | null = null;
  readonly recent: RecentProjects;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly events: EventBus,
  ) {
    this.recent = new RecentProjects(options.dataDir);
  }

  current(): ProjectStore | null {
    return this.store;
  }

  /** The open project, or NO_PROJECT_OPEN. */
  require(): ProjectStore {
    if (!this.store) {
      throw new StudioError('NO_PROJECT_OPEN', 'No project is open.', 'Open a project or create a new one first.');
    }
    return this.store;
  }

  async open(dir: string): Promise<ProjectInfo> {
    const target = path.resolve(dir);
    const real = realFolder(path.basename(target) === DB_FILE ? path.dirname(target) : target);
    if (this.store && this.store.dir === real) return this.store.info();
    const store = await ProjectStore.open(target);
    this.close();
    return this.adopt(store);
  }

  async create(opts: CreateProjectOptions): Promise<ProjectInfo> {
    const dir = opts.dir ?? path.join(opts.parentDir ?? this.options.projectsDir, `${opts.name.trim()}${PROJECT_SUFFIX}`);
    const store = await ProjectStore.create(dir, opts.name, opts.languages);
    this.close();
    return this.adopt(store);
  }

  close(): void {
    this.store?.close();
    this.store = null;
  }

  private adopt(store: ProjectStore): ProjectInfo {
    this.store = store;
    const info = store.info();
    try {
      this.recent.touch(info.dir, info.name);
    } catch {
      // The list is a convenience; an unwritable data folder must not stop the project opening.
    }
    return info;
  }
}
