export { syncOrder } from './engine/order';
export { runSyncJob, type Attempt } from './engine/run-sync-job';
export { SyncCancelled } from './engine/run-state';
export { registerSyncWorker } from './engine/worker';
export { RECONCILE_EVERY_MS, registerScheduleWorker, tick } from './engine/schedule';
export { applyWebhookRegistration, registerWebhookWorkers } from './engine/webhooks';
export {
  EntitySkipped,
  PermanentSyncError,
  type AnyIntegrationPlugin,
  type EntityDefinition,
  type EntitySyncContext,
  type IntegrationPlugin,
  type ProgressCounts,
  type SyncKind,
  type SourceAccess,
  type SyncSession,
  type WebhookRegistration,
  type WebhookSupport,
} from './plugin';
export { PluginRegistry } from './registry';
export { createPluginRegistry } from './plugins';
export { moyskladPlugin, type MoyskladPluginOptions } from './plugins/moysklad';
