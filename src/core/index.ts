/**
 * The studio's behaviour, free of Electron: `createStudioCore()` gives one `api` (every method of the
 * contract) and one `events` bus. The Electron shell, the browser host, the CLI and tests all use it.
 */
import type { Handlers } from '../shared/api';
import { mergeDisjoint } from '../shared/merge-disjoint';
import { guardHandlers } from './dispatch';
import { EventBus } from './event-bus';
import { JobRunner } from './jobs/job-runner';
import { resolveOptions, type StudioCoreOptions } from './options';
import { ProjectSession } from './store/project-session';
import { TrainingPreparation } from './ml/training/training-preparation';
import type { CoreContext } from './context';
import { createProjectHandlers } from './handlers/project-handlers';
import { createJobsHandlers } from './handlers/jobs-handlers';
import { createTrainingHandlers } from './handlers/training-handlers';
import { createExportHandlers } from './handlers/export-handlers';
import { createDevicesHandlers } from './handlers/devices-handlers';
import { createDeployHandlers } from './handlers/deploy-handlers';
import { createDoctorHandlers } from './handlers/doctor-handlers';
import { createDeckMapHandlers } from './handlers/deck-map-handlers';
import { DeviceService } from './devices/device-service';
import type { AdbInfo } from '../shared/api/devices';

/**
 * Calls only a shell's own process may make: never reachable from a page, a socket or the contract.
 * Electron's main process uses them after its own dialogs.
 */
export interface LocalApi {
  /** A program the teacher picked in the main process's file dialog; checked to be adb, then kept. null: search again. */
  chooseAdbProgram(file: string | null): Promise<AdbInfo>;
}

export interface StudioCore {
  api: Handlers;
  local: LocalApi;
  events: EventBus;
  context: CoreContext;
  /** Cancels running jobs and closes the open project. */
  close(): Promise<void>;
}

export function createStudioCore(options: StudioCoreOptions = {}): StudioCore {
  const resolved = resolveOptions(options);
  const events = new EventBus();
  const jobs = new JobRunner(events);
  const session = new ProjectSession(resolved, events);
  const prepare = new TrainingPreparation({ options: resolved, events, jobs, session }, { enabled: resolved.prepareFeatures });
  const disposers: Array<() => void | Promise<void>> = [];
  const context: CoreContext = {
    options: resolved,
    events,
    jobs,
    session,
    prepare,
    onClose: (dispose) => disposers.push(dispose),
  };
  const devices = new DeviceService({ dataDir: resolved.dataDir, events, adbPath: resolved.adbPath });
  // A method two domains both answer is a programming error: refuse to start rather than let one
  // silently replace the other. In-process callers (CLI, tests) get the same validation as transports.
  const api = guardHandlers(
    mergeDisjoint({
      project: createProjectHandlers(context),
      jobs: createJobsHandlers(context),
      training: createTrainingHandlers(context),
      export: createExportHandlers(context),
      devices: createDevicesHandlers(context, devices),
      // Update phones runs the other domains' jobs in turn, through the same guarded api.
      deploy: createDeployHandlers(context, () => api),
      doctor: createDoctorHandlers(context),
      deckMap: createDeckMapHandlers(context),
    }),
  );
  return {
    api,
    local: { chooseAdbProgram: (file) => devices.chooseAdb(file) },
    events,
    context,
    close: async () => {
      prepare.close();
      await jobs.cancelAll();
      session.close();
      for (const dispose of disposers.reverse()) await dispose();
    },
  };
}

export { StudioError } from '../shared/errors';
export type { StudioCoreOptions } from './options';
