import type { JobSnapshot } from '../domain';
import { noRequest, request, token } from '../validation/fields';
import { requestSchemas } from '../validation/request-schemas';

export interface JobsApi {
  getJob: { req: { jobId: string }; res: JobSnapshot };
  listJobs: { req: void; res: JobSnapshot[] };
  cancelJob: { req: { jobId: string }; res: void };
}

export const jobsMethods = requestSchemas<JobsApi>()({
  getJob: request({ jobId: token() }),
  listJobs: noRequest(),
  cancelJob: request({ jobId: token() }),
});
