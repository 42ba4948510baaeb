import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  contextEmployeeSchema,
  listEnvelopeSchema,
  positionStockSchema,
  schemasByMetaType,
  stockCurrentRowSchema,
  stockTypes,
  webhookNotificationSchema,
  webhookStockNotificationSchema,
  type StockType,
} from '../src/index';
import { DEFAULT_DOC_DIR, readDocExamples } from './support/doc-examples';

/**
 * MoySklad's own example responses (the ```json blocks of the official docs) must parse with
 * this client's schemas. Each block becomes one test named after its file and line, listing
 * which schema(s) it exercised.
 */

const docDir = process.env.MOYSKLAD_DOC_DIR ?? DEFAULT_DOC_DIR;
// An explicitly configured directory must exist; the default one may be absent elsewhere.
const available = existsSync(docDir) || process.env.MOYSKLAD_DOC_DIR !== undefined;

// Rows of the counterparty indicators report carry `meta.type: counterparty` but are report
// rows (no id, metrics instead of requisites); that report is not modelled by this client.
const OUT_OF_SCOPE_FILES = new Set(['reports/_report_counterparty.md']);

interface Target {
  label: string;
  schema: z.ZodType;
  value: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function metaType(value: unknown): string | undefined {
  if (!isObject(value) || !isObject(value.meta)) return undefined;
  return typeof value.meta.type === 'string' ? value.meta.type : undefined;
}

function entityTarget(value: unknown, fallbackType?: string): Target[] {
  if (!isObject(value)) return [];
  // `{ meta }` alone is a reference (a request body for bulk deletes), not a representation.
  if (Object.keys(value).length === 1 && 'meta' in value) return [];
  const type = metaType(value) ?? fallbackType;
  if (type === undefined) return [];
  if (type === 'employee' && 'permissions' in value) {
    return [{ label: 'context/employee', schema: contextEmployeeSchema, value }];
  }
  const schema = schemasByMetaType[type];
  return schema ? [{ label: type, schema, value }] : [];
}

function stockCurrentType(rows: unknown[]): StockType | undefined {
  const first = rows[0];
  if (!isObject(first) || !('assortmentId' in first)) return undefined;
  return stockTypes.find((type) => type in first);
}

function targetsOf(value: unknown): Target[] {
  if (Array.isArray(value)) {
    const stockType = stockCurrentType(value);
    if (stockType) {
      const schema = stockCurrentRowSchema(stockType);
      return value.map((row) => ({ label: `stock/current:${stockType}`, schema, value: row }));
    }
    return value.flatMap((row) => entityTarget(row));
  }
  if (!isObject(value)) return [];
  const listType = metaType(value);
  if (Array.isArray(value.rows) && listType !== undefined) {
    // Stock report rows are typed by their list (each row's meta names the product instead);
    // other lists are typed by each row's meta, falling back to the list's type (audit events
    // have no meta). Lists of reports this client does not model are left out.
    const byList = listType === 'stock' || listType === 'stockbystore';
    if (!(listType in schemasByMetaType) && listType !== 'assortment') return [];
    const rows = value.rows.flatMap((row): Target[] =>
      byList
        ? [{ label: listType, schema: schemasByMetaType[listType] as z.ZodType, value: row }]
        : entityTarget(row, listType),
    );
    return rows.length
      ? [{ label: `list:${listType}`, schema: listEnvelopeSchema, value }, ...rows]
      : [];
  }
  if ('auditContext' in value || 'events' in value) {
    return [{ label: 'webhook notification', schema: webhookNotificationSchema, value }];
  }
  if ('reportUrl' in value) {
    return [{ label: 'webhookstock notification', schema: webhookStockNotificationSchema, value }];
  }
  if (Object.keys(value).length === 1 && isObject(value.stock)) {
    return [{ label: 'position stock', schema: positionStockSchema, value: value.stock }];
  }
  return entityTarget(value);
}

const { examples, unparsable } = available
  ? readDocExamples(docDir)
  : { examples: [], unparsable: 0 };
const cases = examples
  .filter((example) => !OUT_OF_SCOPE_FILES.has(example.file))
  .map((example) => ({ ...example, targets: targetsOf(example.value) }))
  .filter((example) => example.targets.length > 0);

function summarize(targets: Target[]): string {
  const counts = new Map<string, number>();
  for (const t of targets) counts.set(t.label, (counts.get(t.label) ?? 0) + 1);
  return [...counts].map(([label, n]) => (n > 1 ? `${label}×${n}` : label)).join(', ');
}

describe.skipIf(!available)(`documented examples in ${docDir}`, () => {
  it('finds the documentation examples', () => {
    expect(examples.length).toBeGreaterThan(400);
    // Only the `<Response body is empty>` placeholders are not JSON.
    expect(unparsable).toBeLessThan(80);
  });

  it('covers every modelled entity type with at least one example', () => {
    const seen = new Set(cases.flatMap((c) => c.targets.map((t) => t.label)));
    const expected = [
      'organization',
      'employee',
      'context/employee',
      'currency',
      'pricetype',
      'uom',
      'store',
      'productfolder',
      'product',
      'variant',
      'service',
      'bundle',
      'bundlecomponent',
      'counterparty',
      'contactperson',
      'saleschannel',
      'state',
      'project',
      'customerorder',
      'customerorderposition',
      'demand',
      'demandposition',
      'invoiceout',
      'invoiceposition',
      'salesreturn',
      'salesreturnposition',
      'retaildemand',
      'retailsalesreturn',
      'supply',
      'supplyposition',
      'purchaseorder',
      'purchaseorderposition',
      'purchasereturn',
      'purchasereturnposition',
      'stock',
      'stockbystore',
      'audit',
      'auditevent',
      'webhook',
      'webhookstock',
      'webhook notification',
      'webhookstock notification',
      'position stock',
      'stock/current:stock',
      'stock/current:quantity',
    ];
    expect(expected.filter((label) => !seen.has(label))).toEqual([]);
  });

  it.each(cases.map((c) => [`${c.file}:${c.line} ${summarize(c.targets)}`, c] as const))(
    '%s',
    (_name, example) => {
      const failures = example.targets.flatMap((target) => {
        const result = target.schema.safeParse(target.value);
        return result.success ? [] : [{ label: target.label, issues: result.error.issues }];
      });
      expect(failures).toEqual([]);
    },
  );
});
