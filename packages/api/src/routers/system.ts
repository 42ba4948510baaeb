import { procedures } from '@crm/contracts';
import { getSystemInfo } from '@crm/core';
import { procedureFor } from '../procedure';
import { router } from '../trpc';

export const systemRouter = router({
  info: procedureFor(procedures.system.info).query(({ ctx, input }) => getSystemInfo(ctx.deps, input)),
});
