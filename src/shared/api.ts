/**
 * The typed contract between the UI (or CLI) and the core: method name -> request/response.
 * Each domain keeps its own map in ./api/<domain>.ts; this file merges them.
 */
import { projectMethods, type ProjectApi } from './api/project';
import { jobsMethods, type JobsApi } from './api/jobs';
import { trainingMethods, type TrainingApi } from './api/training';
import { exportMethods, type ExportApi } from './api/export';
import { devicesMethods, type DevicesApi } from './api/devices';

export type StudioApi = ProjectApi & JobsApi & TrainingApi & ExportApi & DevicesApi;
export type MethodName = keyof StudioApi;
export type Req<M extends MethodName> = StudioApi[M]['req'];
export type Res<M extends MethodName> = StudioApi[M]['res'];

/** What the core implements: one async function per method. */
export type Handlers = { [M in MethodName]: (req: Req<M>) => Promise<Res<M>> };

/** What a UI holds: the same methods, called with an argument only when the request has one. */
export type StudioClient = {
  [M in MethodName]: Req<M> extends void ? () => Promise<Res<M>> : (req: Req<M>) => Promise<Res<M>>;
};

/** Every method name at run time, so transports can refuse unknown names. */
export const METHOD_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(projectMethods),
  ...Object.keys(jobsMethods),
  ...Object.keys(trainingMethods),
  ...Object.keys(exportMethods),
  ...Object.keys(devicesMethods),
]);

export function isMethodName(name: string): name is MethodName {
  return METHOD_NAMES.has(name);
}

export type { AppInfo } from './api/project';
