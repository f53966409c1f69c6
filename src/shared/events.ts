import type { JobProgress } from './domain';
import type { StudioErrorPayload } from './errors';
import type { TrainingEvents } from './api/training';
import type { DevicesEvents } from './api/devices';
import type { DeployEvents } from './api/deploy';
import type { DoctorEvents } from './api/doctor';

/** Every event the core emits, by name. Domain files add their own maps. */
export interface CoreEvents {
  'job.progress': JobProgress;
  'job.finished': { jobId: string; kind: string; result: unknown };
  'job.failed': { jobId: string; kind: string; error: StudioErrorPayload; cancelled: boolean };
  /** Photos of a deck were added, moved or removed: views showing it should refresh. */
  'photos.changed': { deckId: number };
  /** An import into the deck began: work waiting for the deck to be quiet waits for its end. */
  'import.started': { deckId: number };
  /** An import into the deck ended (finished or cancelled) having added `imported` photos. */
  'import.finished': { deckId: number; imported: number };
}

export type StudioEvents = CoreEvents & TrainingEvents & DevicesEvents & DeployEvents & DoctorEvents;
export type EventName = keyof StudioEvents;
export type EventPayload<E extends EventName> = StudioEvents[E];
