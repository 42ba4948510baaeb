import { entityByTable } from '../model/registry';
import { ASSORTMENT_KINDS, isDocumentType, type DocumentType, type IdTag } from '../model/types';
import type { Json, JsonObject, RenderContext } from '../serialize/meta';
import { STOCK_DIRECTION } from '../store/ledger';
import type { DocumentRow } from '../store/rows';
import type { EmulatorStore } from '../store/store';
import {
  API_MARK,
  type AuditContextRecord,
  type AuditEventRecord,
  type AuditEventType,
  type AuditSource,
  type DiffEntry,
} from './audit';

/** Who makes a change and through what, as the audit and webhooks tell it. */
export interface ChangeOptions {
  /** Login of the employee making the change (default: the first user, an administrator). */
  uid?: string;
  /** `source` of the audit context (default `app`: the web interface). */
  source?: AuditSource;
  /** Like `X-Lognex-WebHook-DisableByPrefix`: webhooks whose url starts with one of these stay silent. */
  disableWebhooksByPrefix?: readonly string[];
}

type TouchKind = 'create' | 'update' | 'delete' | 'trash' | 'restore';

/** Goods and the store a document moves or reserves them on (-1: no store). */
export type Footprint = ['product' | 'variant', number, number][];

interface Touch {
  table: IdTag;
  index: number;
  kind: TouchKind;
  before: JsonObject | null;
}

/** Fields never reported as changed: they move with every change or identify the row. */
const UNDIFFED = new Set(['meta', 'id', 'accountId', 'updated']);

/** Settings rather than entities in the audit's terms (they carry `objectType`). */
const SETTINGS: Partial<Record<IdTag, (store: EmulatorStore, index: number) => [string, string]>> =
  {
    state: (store, index) => ['statesettings', store.states[index]!.entityType],
    pricetype: () => ['entitysettings', 'pricetype'],
  };

export function snapshotContext(store: EmulatorStore): RenderContext {
  return { api: API_MARK, store, fields: null, inList: false, canSeeCost: true };
}

/** A document's positions as the audit shows them when they change. */
function positionsOf(store: EmulatorStore, row: DocumentRow): Json[] {
  const p = store.positions;
  const out: Json[] = [];
  for (let k = row.positionStart; k < row.positionStart + row.positionCount; k++) {
    const kind = ASSORTMENT_KINDS[p.assortmentKind[k]!]!;
    out.push({
      assortment: {
        meta: {
          href: `${API_MARK}/entity/${kind}/${store.ids.encode(kind, p.assortment[k]!)}`,
          type: kind,
        },
      },
      quantity: p.quantity[k]!,
      price: p.price[k]!,
      discount: p.discount[k]!,
      vat: p.vat[k]!,
    });
  }
  return out;
}

/** Serializes a row for diffing: the API's JSON plus, for documents, their positions. */
export function snapshot(store: EmulatorStore, table: IdTag, index: number): JsonObject {
  const def = entityByTable(table);
  if (!def) throw new Error(`no entity for ${table}`);
  const json = def.serialize(def.rows(store)[index], index, snapshotContext(store));
  if (isDocumentType(table)) json.positions = positionsOf(store, store.documents[table][index]!);
  return json;
}

function same(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffOf(before: JsonObject, after: JsonObject): Record<string, DiffEntry> {
  const diff: Record<string, DiffEntry> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (UNDIFFED.has(key)) continue;
    if (same(before[key], after[key])) continue;
    diff[key] = { oldValue: before[key] ?? null, newValue: after[key] ?? null };
  }
  return diff;
}

/** Fields a delete event keeps (their old values), to say what was deleted. */
const DELETE_FIELDS = ['name', 'code', 'article', 'moment', 'sum', 'inn'];

/**
 * One change as MoySklad records it: every row it touches, what the stock ledger has to do about
 * it, and at the end one audit context with an event per row.
 */
export class Transaction {
  readonly touches = new Map<string, Touch>();
  /** Goods whose stock or reservations moved, per store (-1: orders without a store). */
  readonly stockNotes = new Map<
    string,
    { kind: 'product' | 'variant'; index: number; stores: Set<number> }
  >();
  /** New posted stock documents that can be applied on top of the ledger. */
  readonly appended: [DocumentType, number][] = [];
  /** A change to an older stock document: the ledger is replayed (from this moment on, if it can). */
  rebuild = false;
  replayMoment = Infinity;
  catalogueChanged = false;
  private readonly undo: (() => void)[] = [];

  constructor(
    readonly store: EmulatorStore,
    readonly moment: number,
    readonly uid: string,
    readonly employee: number,
    readonly source: AuditSource,
    readonly options: ChangeOptions,
  ) {}

  /** Notes that a row is about to change; the first note keeps its state before the change. */
  touch(table: IdTag, index: number, kind: TouchKind): void {
    const key = `${table}:${index}`;
    const existing = this.touches.get(key);
    if (existing) {
      if (kind === 'delete') existing.kind = 'delete';
      else if (existing.kind === 'update') existing.kind = kind;
      return;
    }
    const rows = entityByTable(table)!.rows(this.store) as unknown[];
    if (kind === 'create') {
      this.undo.push(() => {
        rows.length = Math.min(rows.length, index);
      });
    } else this.keep(rows[index] as object);
    this.touches.set(key, {
      table,
      index,
      kind,
      before: kind === 'create' ? null : snapshot(this.store, table, index),
    });
  }

  /** The goods a document moves or reserves, with its store (empty for other documents). */
  footprint(type: DocumentType, row: DocumentRow): Footprint {
    const stockType =
      STOCK_DIRECTION[type] !== undefined || type === 'customerorder' || type === 'purchaseorder';
    if (!stockType) return [];
    const positions = this.store.positions;
    const out: Footprint = [];
    for (let p = row.positionStart; p < row.positionStart + row.positionCount; p++) {
      const kind = positions.assortmentKind[p]!;
      if (kind === 3) {
        for (const c of this.store.bundles[positions.assortment[p]!]!.components)
          out.push([c.kind === 'product' ? 'product' : 'variant', c.index, row.store]);
      } else if (kind !== 2) {
        out.push([kind === 0 ? 'product' : 'variant', positions.assortment[p]!, row.store]);
      }
    }
    return out;
  }

  /** The ledger must be replayed from a moment (-Infinity: from the start). */
  replayFrom(moment: number): void {
    this.rebuild = true;
    this.replayMoment = Math.min(this.replayMoment, moment);
  }

  /** Records that the stock of these goods moved. */
  noteFootprint(footprint: Footprint): void {
    for (const [kind, index, store] of footprint) this.noteGoodStock(kind, index, store);
  }

  /** Keeps a row's current fields, to put back if the change fails. */
  keep(row: object): void {
    const copy = { ...row };
    this.undo.push(() => Object.assign(row, copy));
  }

  /** Deletes a row for good (undone if the change fails). */
  remove(table: IdTag, index: number): void {
    this.store.markRemoved(table, index);
    this.undo.push(() => this.store.removed.get(table)?.delete(index));
  }

  /** Puts every row back as it was before the change (the change failed). */
  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]!();
    this.undo.length = 0;
    this.store.relinked();
    this.store.invalidate();
  }

  noteGoodStock(kind: 'product' | 'variant', index: number, store = -1): void {
    const key = `${kind}:${index}`;
    let entry = this.stockNotes.get(key);
    if (!entry) this.stockNotes.set(key, (entry = { kind, index, stores: new Set() }));
    entry.stores.add(store);
  }

  /** Builds the audit context (null when nothing actually changed) and stamps `updated`. */
  finish(contextIndex: number): AuditContextRecord | null {
    const events: AuditEventRecord[] = [];
    for (const touch of this.touches.values()) {
      const event = this.eventOf(touch, contextIndex);
      if (event) events.push(event);
    }
    if (events.length === 0) return null;
    return {
      index: contextIndex,
      moment: this.moment,
      uid: this.uid,
      source: this.source,
      employee: this.employee,
      events,
    };
  }

  private eventOf(touch: Touch, context: number): AuditEventRecord | null {
    const { table, index } = touch;
    const def = entityByTable(table)!;
    const settings = SETTINGS[table]?.(this.store, index);
    const base = {
      context,
      entityType: settings ? settings[0] : def.type,
      objectType: settings?.[1],
      table,
      index,
      moment: this.moment,
      uid: this.uid,
      source: this.source,
    };
    if (touch.kind === 'delete') {
      if (!touch.before) return null;
      const diff: Record<string, DiffEntry> = {};
      for (const field of DELETE_FIELDS)
        if (touch.before[field] !== undefined) diff[field] = { oldValue: touch.before[field] };
      return { ...base, eventType: 'delete', name: nameOf(touch.before), diff };
    }
    const row = def.rows(this.store)[index] as { updated?: number };
    if (touch.kind === 'create') {
      if ('updated' in row) row.updated = this.moment;
      return { ...base, eventType: 'create', name: nameOf(snapshot(this.store, table, index)) };
    }
    const after = snapshot(this.store, table, index);
    const diff = diffOf(touch.before!, after);
    const keys = Object.keys(diff);
    let eventType: AuditEventType = 'update';
    if (touch.kind === 'trash') eventType = 'puttorecyclebin';
    else if (touch.kind === 'restore') eventType = 'restorefromrecyclebin';
    else if (keys.length === 0) return null;
    else if (keys.length === 1 && keys[0] === 'archived')
      eventType = after.archived === true ? 'puttoarchive' : 'restorefromarchive';
    if ('updated' in row) row.updated = this.moment;
    return { ...base, eventType, name: nameOf(after), diff };
  }
}

function nameOf(json: JsonObject): string {
  return typeof json.name === 'string' ? json.name : '';
}
