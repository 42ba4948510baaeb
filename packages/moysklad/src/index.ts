// Client
export { createMoySkladClient, MoySkladClient } from './client';
export * from './options';
export type { Credentials, TokenKind } from './auth';
export { credentialsKey, tokenKindOf } from './auth';
export * from './endpoints';

// Queries and paging
export * from './filter';
export * from './query';
export type { Page, PagingOptions } from './paging';
export { MAX_EXPANDED_PAGE_SIZE, MAX_PAGE_SIZE } from './paging';
export type { InvalidRow, RowResult } from './validation';
export { parseRow } from './validation';
export * from './time';

// Errors, retries, accounting
export * from './errors';
export type { RetryOptions, RetryPolicy } from './http/retry';
export { DEFAULT_RETRY } from './http/retry';
export type { RequestEvent, RequestStats } from './http/accounting';
export type { FetchLike } from './http/transport';

// Rate limiting
export * from './rate-limit/weights';
export type { AcquireResult, BudgetLimits, BudgetStore, Charge } from './rate-limit/store';
export { admission, unseenConsumption } from './rate-limit/store';
export { MemoryBudgetStore, processBudgetStore } from './rate-limit/memory-store';
export { RedisBudgetStore, type RedisScripting } from './rate-limit/redis-store';
export { RateLimiter, type Permit, type ServerBudgetSignals } from './rate-limit/limiter';
export { MOYSKLAD_MAX_IN_FLIGHT, MOYSKLAD_UNITS, MOYSKLAD_WINDOW_MS } from './rate-limit/setup';

// Schemas and their types
export {
  addressSchema,
  apiErrorBodySchema,
  apiErrorItemSchema,
  attributeSchema,
  barcodeSchema,
  collectionOf,
  dictionaryBase,
  entityBase,
  idFromHref,
  kopecks,
  listEnvelopeSchema,
  looseReferenceSchema,
  metaSchema,
  moscowDateTime,
  objectSchema,
  ownedEntityBase,
  priceSchema,
  referenceSchema,
  referencesSchema,
  salePriceSchema,
  type ApiErrorItem,
  type Attribute,
  type Barcode,
  type ListEnvelope,
  type Meta,
  type Reference,
  type SalePrice,
} from './schemas/common';
export * from './schemas/parties';
export * from './schemas/directories';
export * from './schemas/catalog';
export * from './schemas/documents';
export * from './schemas/reports';
export * from './schemas/audit';
export * from './schemas/webhooks';
