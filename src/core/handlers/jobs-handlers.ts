import type { JobsApi } from '../../shared/api/jobs';
import type { Handlers } from '../../shared/api';
import type { CoreContext } from '../context';

export function createJobsHandlers(ctx: CoreContext): Pick<Handlers, keyof JobsApi> {
  return {
    getJob: async ({ jobId }) => ctx.jobs.get(jobId),
    listJobs: async () => ctx.jobs.list(),
    cancelJob: async ({ jobId }) => ctx.jobs.cancel(jobId),
  };
}
