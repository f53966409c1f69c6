import type { EventBus } from './event-bus';
import type { JobRunner } from './jobs/job-runner';
import type { ResolvedOptions } from './options';
import type { ProjectSession } from './store/project-session';

/** What every domain's handlers share. */
export interface CoreContext {
  options: ResolvedOptions;
  events: EventBus;
  jobs: JobRunner;
  session: ProjectSession;
  /** Registers clean-up (sockets, workers, servers) run by `core.close()`, last registered first. */
  onClose(dispose: () => void | Promise<void>): void;
}
