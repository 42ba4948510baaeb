export {
  createEmulator,
  defaultCredentials,
  type CreateEmulatorOptions,
  type Emulator,
  type EmulatorControl,
  type EmulatorCounters,
  type RunningServer,
} from './emulator';
export type {
  EmulatorOptions,
  EmulatorOptionsInput,
  Limits,
  TokenCredential,
  UserCredential,
  WebhookOptions,
} from './config';
export type { CounterSnapshot } from './http/counters';
export {
  PAGE_CHANGE_KINDS,
  type FaultConfig,
  type FaultConfigInput,
  type FaultRuleInput,
  type PageChangeKind,
} from './http/faults';
export type { RequestLogEntry } from './http/request-log';
export { ACTIVITY_WEIGHTS, type ActivityKind, type ActivityStep } from './live/activity';
export {
  AUDIT_EVENT_TYPES,
  AUDIT_SOURCES,
  type AuditContextRecord,
  type AuditEventRecord,
  type AuditEventType,
  type AuditSource,
} from './live/audit';
export { EmulatorClock } from './live/clock';
export type { EntityJson } from './live/live';
export type { ChangeOptions } from './live/transaction';
export { ChangeError } from './live/values';
export {
  WEBHOOK_USER_AGENT,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryOutcome,
  type WebhookStats,
} from './live/webhooks';
export { generateDataset, DEFAULT_UNTIL, type DatasetOptions } from './dataset/generate';
export { SIZES, DATASET_SIZES, type DatasetSize } from './dataset/sizes';
export { EmulatorStore } from './store/store';
export { formatMsk, parseMsk } from './time/moscow';
