import { procedures } from '@crm/contracts';
import { cancelSync, getSyncJob, listSyncJobs, startSync, syncJobLog } from '@crm/core';
import { actorOf } from '../context';
import { procedureFor } from '../procedure';
import { router } from '../trpc';

const c = procedures.admin.sync;

export const syncRouter = router({
  start: procedureFor(c.start).mutation(({ ctx, input }) => startSync(ctx.deps, actorOf(ctx), input)),
  jobs: procedureFor(c.jobs).query(({ ctx, input }) => listSyncJobs(ctx.deps, input)),
  job: procedureFor(c.job).query(({ ctx, input }) => getSyncJob(ctx.deps, input.id)),
  log: procedureFor(c.log).query(({ ctx, input }) => syncJobLog(ctx.deps, input.id)),
  cancel: procedureFor(c.cancel).mutation(({ ctx, input }) => cancelSync(ctx.deps, actorOf(ctx), input.id)),
});
