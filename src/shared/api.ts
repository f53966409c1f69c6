/**
 * The typed contract between the UI (or CLI) and the core: method name -> request/response.
 * Each domain keeps its own map in ./api/<domain>.ts; this file merges them.
 */
import { projectMethods, type ProjectApi } from './api/project';
import { jobsMethods, type JobsApi } from './api/jobs';
import { trainingMethods, type TrainingApi } from './api/training';
import { exportMethods, type ExportApi } from './api/export';
import { devicesMethods, type DevicesApi } from './api/devices';
import { deployMethods, type DeployApi } from './api/deploy';
import { doctorMethods, type DoctorApi } from './api/doctor';
import { deckMapMethods, type DeckMapApi } from './api/deck-map';
import type { z } from 'zod';
import { mergeDisjoint } from './merge-disjoint';
import { parseRequest } from './validation/parse-request';

export type StudioApi = ProjectApi & JobsApi & TrainingApi & ExportApi & DevicesApi & DeployApi & DoctorApi & DeckMapApi;
export type MethodName = keyof StudioApi;
export type Req<M extends MethodName> = StudioApi[M]['req'];
export type Res<M extends MethodName> = StudioApi[M]['res'];

/** What the core implements: one async function per method. */
export type Handlers = { [M in MethodName]: (req: Req<M>) => Promise<Res<M>> };

/** What a UI holds: the same methods, called with an argument only when the request has one. */
export type StudioClient = {
  [M in MethodName]: Req<M> extends void ? () => Promise<Res<M>> : (req: Req<M>) => Promise<Res<M>>;
};

/** Each method's request validator (beside its type in ./api/<domain>.ts). */
export const REQUEST_SCHEMAS: { readonly [M in MethodName]: z.ZodType } = mergeDisjoint({
  project: projectMethods,
  jobs: jobsMethods,
  training: trainingMethods,
  export: exportMethods,
  devices: devicesMethods,
  deploy: deployMethods,
  doctor: doctorMethods,
  deckMap: deckMapMethods,
});

/** Every method name at run time, so transports can refuse unknown names. */
export const METHOD_NAMES: ReadonlySet<string> = new Set(Object.keys(REQUEST_SCHEMAS));

/**
 * The payload of a call as a well-formed request of method `name`, or a BAD_REQUEST StudioError
 * naming the field. A method without data accepts only undefined or null.
 */
export function validateRequest<M extends MethodName>(name: M, payload: unknown): Req<M> {
  return parseRequest(name, REQUEST_SCHEMAS[name], payload) as Req<M>;
}

export function isMethodName(name: string): name is MethodName {
  return METHOD_NAMES.has(name);
}

export type { AppInfo } from './api/project';
