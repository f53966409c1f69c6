import type { EventBus } from './event-bus';
import type { JobRunner } from './jobs/job-runner';
import type { TrainingPreparation } from './ml/training/training-preparation';
import type { ResolvedOptions } from './options';
import type { ProjectSession } from './store/project-session';

/** What every domain's handlers share. */
export interface CoreContext {
  options: ResolvedOptions;
  events: EventBus;
  jobs: JobRunner;
  session: ProjectSession;
  /** Gets decks ready for training in the background; foreground feature work goes through `prepare.foreground`. */
  prepare: TrainingPreparation;
  /** Registers clean-up (sockets, workers, servers) run by `core.close()`, last registered first. */
  onClose(dispose: () => void | Promise<void>): void;
}
