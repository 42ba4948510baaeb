import type { ConnectionReport, IntegrationType, SyncJob } from '@crm/contracts';
import type { CoreDeps, Logger } from '@crm/core';
import type { z } from 'zod';

export type SyncKind = SyncJob['kind'];

/** One kind of thing a source provides, synced in dependency order. */
export type EntityDefinition = {
  name: string;
  /** Entities that must be synced first, so references resolve as rows arrive. */
  dependsOn?: string[];
};

export type ProgressCounts = {
  fetched?: number;
  created?: number;
  updated?: number;
  unchanged?: number;
  deleted?: number;
  failed?: number;
};

/** What a connector sees while it syncs one entity. */
export type EntitySyncContext = {
  integrationId: string;
  entity: string;
  kind: SyncKind;
  deps: CoreDeps;
  log: Logger;
  /** Aborted when the run is cancelled or its worker lost the job. */
  signal: AbortSignal;
  /** Throws a cancellation when someone asked to stop; call it between pages. */
  checkCancelled(): Promise<void>;
  setTotal(total: number): void;
  count(counts: ProgressCounts): void;
  countRequests(requests: number): void;
  /** A warning or error for the run's log, e.g. a row the source sent that we could not read. */
  report(level: 'info' | 'warning' | 'error', message: string, externalId?: string): void;
  /** The connector's resume point for this entity in this run, kept across a worker's death. */
  checkpoint: { get<T>(): Promise<T | null>; set(value: unknown): Promise<void> };
};

/** A connection opened for one run: credentials decrypted, client built, rate budget shared. */
export type SyncSession = {
  syncEntity(ctx: EntitySyncContext): Promise<void>;
  close(): Promise<void>;
};

/** Skips one entity with a warning instead of failing the run (e.g. the employee may not read it). */
export class EntitySkipped extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EntitySkipped';
  }
}

/** A failure that retrying cannot fix: wrong credentials, API access switched off. */
export class PermanentSyncError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentSyncError';
  }
}

/** What a connector gets to talk to its source outside a sync run. */
export type SourceAccess<Settings, Credentials> = {
  integrationId: string;
  settings: Settings;
  credentials: Credentials;
  deps: CoreDeps;
  log: Logger;
};

export type WebhookRegistration =
  | { status: 'active'; registrations: unknown[] }
  /** The source refused (no admin rights, free tariff, unreachable URL): changes arrive by polling. */
  | { status: 'unavailable'; message: string };

/** Push updates, where the source offers them. */
export type WebhookSupport<Settings, Credentials> = {
  register(
    input: SourceAccess<Settings, Credentials> & { url: string },
  ): Promise<WebhookRegistration>;
  unregister(
    input: SourceAccess<Settings, Credentials> & { registrations: unknown[] },
  ): Promise<void>;
  /**
   * Applies deliveries (several at once when they queue up): fetches what changed in batches,
   * upserts it, marks deletions. Must be idempotent: a delivery may be applied again after a crash.
   */
  process(
    input: SourceAccess<Settings, Credentials> & { payloads: unknown[] },
  ): Promise<{ applied: number; deleted: number }>;
};

/**
 * What a data source implements to feed the CRM. The sync engine knows nothing else about it:
 * adding Kaspi or Bitrix24 is a new plugin registered beside MoySklad.
 */
export type IntegrationPlugin<Settings = unknown, Credentials = unknown> = {
  type: IntegrationType;
  displayName: string;
  settingsSchema: z.ZodType<Settings>;
  credentialsSchema: z.ZodType<Credentials>;
  /** Everything the source provides, in an order where dependencies come first. */
  entities: EntityDefinition[];
  testConnection(input: {
    settings: Settings;
    credentials: Credentials;
    deps: CoreDeps;
  }): Promise<ConnectionReport>;
  /**
   * A connection for one run. `syncEntity` is called per entity with the run's kind: `full`
   * (everything, then soft-delete what the source no longer has), `incremental` (changes since the
   * entity's watermark, deletions from the source's log) or `reconcile` (ids only: soft-delete what
   * the source no longer has, cheap on requests).
   */
  openSession(input: SourceAccess<Settings, Credentials>): Promise<SyncSession>;
  webhooks?: WebhookSupport<Settings, Credentials>;
};

export type AnyIntegrationPlugin = IntegrationPlugin<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
