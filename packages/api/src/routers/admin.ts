import { procedures } from '@crm/contracts';
import {
  createApiKey,
  createRole,
  createUser,
  deleteRole,
  getUser,
  listApiKeys,
  listAudit,
  listRoles,
  listUsers,
  revokeApiKey,
  updateRole,
  updateUser,
} from '@crm/core';
import { actorOf } from '../context';
import { integrationsRouter } from './integrations';
import { syncRouter } from './sync';
import { procedureFor } from '../procedure';
import { router } from '../trpc';

const c = procedures.admin;
const done = { success: true as const };

export const adminRouter = router({
  users: router({
    list: procedureFor(c.users.list).query(({ ctx, input }) => listUsers(ctx.deps, input)),
    get: procedureFor(c.users.get).query(({ ctx, input }) => getUser(ctx.deps, input.id)),
    create: procedureFor(c.users.create).mutation(({ ctx, input }) => createUser(ctx.deps, actorOf(ctx), input)),
    update: procedureFor(c.users.update).mutation(({ ctx, input }) => updateUser(ctx.deps, actorOf(ctx), input)),
  }),
  roles: router({
    list: procedureFor(c.roles.list).query(({ ctx }) => listRoles(ctx.deps)),
    create: procedureFor(c.roles.create).mutation(({ ctx, input }) => createRole(ctx.deps, actorOf(ctx), input)),
    update: procedureFor(c.roles.update).mutation(({ ctx, input }) => updateRole(ctx.deps, actorOf(ctx), input)),
    delete: procedureFor(c.roles.delete).mutation(async ({ ctx, input }) => {
      await deleteRole(ctx.deps, actorOf(ctx), input.id);
      return done;
    }),
  }),
  apiKeys: router({
    list: procedureFor(c.apiKeys.list).query(({ ctx }) => listApiKeys(ctx.deps)),
    create: procedureFor(c.apiKeys.create).mutation(({ ctx, input }) => createApiKey(ctx.deps, actorOf(ctx), input)),
    revoke: procedureFor(c.apiKeys.revoke).mutation(async ({ ctx, input }) => {
      await revokeApiKey(ctx.deps, actorOf(ctx), input.id);
      return done;
    }),
  }),
  audit: router({
    list: procedureFor(c.audit.list).query(({ ctx, input }) => listAudit(ctx.deps, input)),
  }),
  integrations: integrationsRouter,
  sync: syncRouter,
});
