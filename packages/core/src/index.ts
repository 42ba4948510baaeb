export { SYSTEM_ACTOR, type Actor } from './audit/actor';
export { listAudit, recordAudit, type AuditQuery, type AuditTarget } from './audit/audit';
export { raiseAlert, resolveAlerts, type AlertInput } from './alerts/raise';
export { ACCESS_TOKEN_TTL_SECONDS } from './auth/access-token';
export { authenticate } from './auth/authenticate';
export { login } from './auth/login';
export { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from './auth/login-limiter';
export { changeOwnPassword, resetPassword } from './auth/password-change';
export { assertPasswordPolicy } from './auth/passwords';
export type { Principal } from './auth/principal';
export {
  endSession,
  listSessions,
  refreshSession,
  REFRESH_GRACE_SECONDS,
  revokeOwnSession,
  revokeSessions,
  type ClientInfo,
} from './auth/sessions';
export { decodeCursor, encodeCursor, paginate } from './common/pagination';
export { createCoreDeps, type CoreDeps } from './deps';
export { DomainError, type LocalizedText } from './errors';
export { startBoss, BOSS_SCHEMA, type PgBoss } from './jobs/boss';
export { QUEUES, SCHEDULES, type JobData, type QueueName } from './jobs/queues';
export type { Logger } from './logger';
export { pruneApiLogs, recordApiRequest, API_LOG_RETENTION_DAYS, type ApiLogEntry } from './maintenance/api-logs';
export { registerMaintenanceWorker } from './maintenance/worker';
export type { ClusterEvent, EventBus } from './platform/events';
export { getSystemInfo } from './system/info';
export { checkReadiness, type Readiness } from './system/readiness';
export { createApiKey, listApiKeys, revokeApiKey } from './users/api-keys';
export { createAdmin, seedFirstAdmin } from './users/first-admin';
export { createRole, deleteRole, listRoles, updateRole } from './users/roles';
export { createUser, getUser, listUsers, updateUser, type UserQuery } from './users/users';
export { CONNECTIONS } from './integrations/connections';
export {
  createIntegration,
  deleteIntegration,
  findIntegration,
  getIntegration,
  getIntegrationDetails,
  listIntegrations,
  patchIntegrationState,
  readCredentials,
  toIntegration,
  updateIntegration,
  type NewIntegration,
} from './integrations/records';
export { openSecrets, sealSecrets, SecretsUnreadableError } from './integrations/secrets-box';
export {
  abandonSyncs,
  cancelSync,
  getSyncJob,
  listSyncJobs,
  startSync,
  SYNC_LOG_LIMIT,
  syncJobLog,
  toSyncJob,
} from './integrations/sync-jobs';
export { ensureEnvIntegration } from './integrations/from-env';
export * from './synced';
export {
  acceptWebhook,
  claimPendingDeliveries,
  integrationsWithStaleDeliveries,
  issueWebhookUrl,
  kickWebhookProcessing,
  markDeliveriesProcessed,
  pruneWebhookDeliveries,
  saveWebhookState,
  type WebhookIntake,
} from './integrations/webhooks';
