import * as apiKeys from './admin/api-keys';
import * as audit from './admin/audit';
import * as roles from './admin/roles';
import * as users from './admin/users';
import * as auth from './auth/auth';
import * as integrations from './integrations/integrations';
import * as sync from './integrations/sync';
import { systemInfo } from './system/system';

/**
 * Every procedure's contract, nested as the API router nests them. The API router is built from
 * these and the SDK derives its client type from them, so neither needs the other's code.
 */
export const procedures = {
  system: { info: systemInfo },
  auth: {
    login: auth.login,
    refresh: auth.refresh,
    logout: auth.logout,
    me: auth.me,
    sessions: auth.listSessions,
    revokeSession: auth.revokeSession,
    revokeOtherSessions: auth.revokeOtherSessions,
    changePassword: auth.changePassword,
  },
  admin: {
    users: { list: users.listUsers, get: users.getUser, create: users.createUser, update: users.updateUser },
    roles: { list: roles.listRoles, create: roles.createRole, update: roles.updateRole, delete: roles.deleteRole },
    apiKeys: { list: apiKeys.listApiKeys, create: apiKeys.createApiKey, revoke: apiKeys.revokeApiKey },
    audit: { list: audit.listAudit },
    integrations: {
      list: integrations.listIntegrations,
      get: integrations.getIntegration,
      create: integrations.createIntegration,
      update: integrations.updateIntegration,
      delete: integrations.deleteIntegration,
      test: integrations.testIntegration,
    },
    sync: {
      start: sync.startSync,
      jobs: sync.listSyncJobs,
      job: sync.getSyncJob,
      log: sync.syncJobLog,
      cancel: sync.cancelSyncJob,
    },
  },
} as const;
