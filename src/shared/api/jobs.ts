import type { JobSnapshot } from '../domain';

export interface JobsApi {
  getJob: { req: { jobId: string }; res: JobSnapshot };
  listJobs: { req: void; res: JobSnapshot[] };
  cancelJob: { req: { jobId: string }; res: void };
}

export const jobsMethods: Record<keyof JobsApi, true> = {
  getJob: true,
  listJobs: true,
  cancelJob: true,
};
