import { z } from 'zod';
import {
  collectionOf,
  metaSchema,
  moscowDateTime,
  objectSchema,
  optional,
  referenceSchema,
} from './common';

/**
 * An audit event: one change of one entity. `diff` maps field names to
 * `{ oldValue, newValue }` (absent on create); event rows have no id of their own.
 */
export const auditEventSchema = z.looseObject({
  source: z.string(),
  eventType: z.string(),
  entityType: z.string(),
  uid: optional(z.string()),
  moment: moscowDateTime,
  name: optional(z.string()),
  objectCount: optional(z.number()),
  objectType: optional(z.string()),
  additionalInfo: optional(z.string()),
  supportAccess: optional(z.boolean()),
  diff: optional(z.record(z.string(), z.unknown())),
  audit: referenceSchema,
  // Missing only for goods deleted before 2017-08-20.
  entity: optional(referenceSchema),
});
export type AuditEvent = z.output<typeof auditEventSchema>;

/**
 * An audit context: a group of related events (one save, one bulk operation). `entityType` and
 * `eventType` appear only when all its events agree.
 */
export const auditContextSchema = z.looseObject({
  meta: metaSchema,
  id: z.string(),
  uid: optional(z.string()),
  moment: moscowDateTime,
  source: z.string(),
  eventType: optional(z.string()),
  entityType: optional(z.string()),
  objectType: optional(z.string()),
  objectCount: optional(z.number()),
  info: optional(z.string().or(objectSchema)),
  supportAccess: optional(z.boolean()),
  events: optional(collectionOf(auditEventSchema)),
});
export type AuditContext = z.output<typeof auditContextSchema>;
