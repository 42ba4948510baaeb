export type { CoreDeps } from './deps';
export type { Logger } from './logger';
export { startBoss, BOSS_SCHEMA, type PgBoss } from './jobs/boss';
export { QUEUES, SCHEDULES, type JobData, type QueueName } from './jobs/queues';
export { pruneApiLogs, recordApiRequest, API_LOG_RETENTION_DAYS, type ApiLogEntry } from './maintenance/api-logs';
export { registerMaintenanceWorker } from './maintenance/worker';
export { getSystemInfo } from './system/info';
export { checkReadiness, type Readiness } from './system/readiness';
export { DomainError, type LocalizedText } from './errors';
