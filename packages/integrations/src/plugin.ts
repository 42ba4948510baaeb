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

export type ProgressCounts = { fetched?: number; created?: number; updated?: number; unchanged?: number; deleted?: number; failed?: number };

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
  testConnection(input: { settings: Settings; credentials: Credentials; deps: CoreDeps }): Promise<ConnectionReport>;
  openSession(input: { integrationId: string; settings: Settings; credentials: Credentials; deps: CoreDeps; log: Logger }): Promise<SyncSession>;
};

export type AnyIntegrationPlugin = IntegrationPlugin<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
