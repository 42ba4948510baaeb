import { entityByTable } from '../model/registry';
import { isDocumentType, type DocumentType, type IdTag } from '../model/types';
import type { JsonObject, RenderContext } from '../serialize/meta';
import type { EmulatorStore } from '../store/store';
import { AuditLog, type AuditContextRecord } from './audit';
import type { EmulatorClock } from './clock';
import {
  createDictionaryRow,
  deleteDictionaryRow,
  DICTIONARIES,
  updateDictionaryRow,
  type DictionarySpec,
} from './dictionaries';
import {
  createDocument,
  deleteDocument,
  restoreDocument,
  trashDocument,
  updateDocument,
} from './documents';
import { Transaction, type ChangeOptions } from './transaction';
import { bad, ChangeError, isObject } from './values';

/** What a committed change tells the rest of the emulator (webhooks, stock notifications). */
export interface CommittedChange {
  context: AuditContextRecord | null;
  moment: number;
  /** Goods whose stock or reservations moved. */
  stockChanged: boolean;
  options: ChangeOptions;
}

export type ChangeListener = (change: CommittedChange) => void;

export interface LiveHost {
  store: () => EmulatorStore;
  clock: EmulatorClock;
  /** Login changes are attributed to when none is given. */
  defaultUid: () => string;
  /** Render context for what the control API returns. */
  renderContext: () => RenderContext;
}

/** An entity the control API returns: the API's JSON of the row after the change. */
export type EntityJson = JsonObject;

/**
 * Changes to the account after generation, each recorded as MoySklad records it: `updated` moves,
 * documents recompute their sums and the stock follows, the audit gets a context with one event
 * per row, and webhooks fire. Several changes made inside {@link batch} share one context.
 */
export class LiveChanges {
  readonly audit = new AuditLog();
  private current: Transaction | null = null;
  private readonly listeners: ChangeListener[] = [];

  constructor(private readonly host: LiveHost) {}

  /** The emulator's current time. */
  clockNow(): number {
    return this.host.clock.now();
  }

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** Runs changes as one: one audit context, one moment, all or nothing. */
  run<T>(options: ChangeOptions, work: (tx: Transaction) => T): T {
    if (this.current) return work(this.current);
    const store = this.host.store();
    const uid = options.uid ?? this.host.defaultUid();
    const employee = Math.max(
      0,
      store.employees.findIndex((e) => e.uid.toLowerCase() === uid.toLowerCase()),
    );
    const tx = new Transaction(
      store,
      this.host.clock.stamp(),
      uid,
      employee,
      options.source ?? 'app',
      options,
    );
    this.current = tx;
    let result: T;
    try {
      result = work(tx);
    } catch (error) {
      tx.rollback();
      throw error;
    } finally {
      this.current = null;
    }
    this.commit(tx);
    return result;
  }

  private commit(tx: Transaction): void {
    const store = tx.store;
    if (tx.rebuild) store.rebuildLedger(tx.replayMoment);
    else {
      for (const [type, index] of tx.appended) {
        store.ledger.apply(store.documents[type][index]!, store.positions);
        store.addMovement(type, index);
      }
    }
    if (tx.catalogueChanged) store.catalogueVersion++;
    store.invalidate();
    for (const note of tx.stockNotes.values())
      for (const s of note.stores) store.noteStockChange(note.kind, note.index, s, tx.moment);
    const context = tx.finish(this.audit.contexts.length);
    if (context) this.audit.add(context);
    const change: CommittedChange = {
      context,
      moment: tx.moment,
      stockChanged: tx.stockNotes.size > 0,
      options: tx.options,
    };
    for (const listener of this.listeners) listener(change);
  }

  // ---- the programmatic control API --------------------------------------------------------------

  /** Creates an entity of the canonical list from MoySklad-shaped JSON; returns it as the API would. */
  create(type: string, body: Record<string, unknown>, options: ChangeOptions = {}): EntityJson {
    const target = this.target(type);
    if (!isObject(body)) throw bad('expected a JSON object');
    const index = this.run(options, (tx) =>
      target.document
        ? createDocument(tx, target.document, body)
        : createDictionaryRow(target.spec!, tx, body),
    );
    return this.render(target.table, index);
  }

  /** Changes fields of an entity (documents: positions too, replaced as a whole). */
  update(type: string, id: string, body: Record<string, unknown>, options: ChangeOptions = {}) {
    const target = this.target(type);
    const index = this.indexOf(target.table, id);
    if (!isObject(body)) throw bad('expected a JSON object');
    this.run(options, (tx) =>
      target.document
        ? updateDocument(tx, target.document, index, body)
        : updateDictionaryRow(target.spec!, tx, index, body),
    );
    return this.render(target.table, index);
  }

  /** Puts a dictionary entry into the archive (or takes it out). */
  archive(type: string, id: string, archived = true, options: ChangeOptions = {}): EntityJson {
    const target = this.target(type);
    if (target.document || !target.spec!.fields.archived)
      throw bad(`${type} has no archive; documents go to the recycle bin`);
    return this.update(type, id, { archived }, options);
  }

  /** Moves a document to the recycle bin. */
  trash(type: string, id: string, options: ChangeOptions = {}): EntityJson {
    const document = this.documentType(type);
    const index = this.indexOf(document, id);
    this.run(options, (tx) => trashDocument(tx, document, index));
    return this.render(document, index);
  }

  /** Takes a document out of the recycle bin. */
  restore(type: string, id: string, options: ChangeOptions = {}): EntityJson {
    const document = this.documentType(type);
    const index = this.indexOf(document, id);
    this.run(options, (tx) => restoreDocument(tx, document, index));
    return this.render(document, index);
  }

  /** Deletes an entity for good: reads answer 404 (1021) and the audit records `delete`. */
  delete(type: string, id: string, options: ChangeOptions = {}): void {
    const target = this.target(type);
    const index = this.indexOf(target.table, id);
    this.run(options, (tx) =>
      target.document
        ? deleteDocument(tx, target.document, index)
        : deleteDictionaryRow(target.spec!, tx, index),
    );
  }

  /** Several changes as one audit context (and one webhook notification per subscription). */
  batch<T>(work: () => T, options: ChangeOptions = {}): T {
    return this.run(options, () => work());
  }

  /** The entity as the API serves it now. */
  get(type: string, id: string): EntityJson {
    const target = this.target(type);
    return this.render(target.table, this.indexOf(target.table, id));
  }

  private target(type: string): {
    table: IdTag;
    document?: DocumentType;
    spec?: DictionarySpec<never>;
  } {
    if (isDocumentType(type)) return { table: type, document: type };
    const spec = DICTIONARIES[type];
    if (!spec) throw bad(`${type}: not an entity the control API changes`);
    return { table: spec.table, spec };
  }

  private documentType(type: string): DocumentType {
    if (!isDocumentType(type)) throw bad(`${type}: only documents go to the recycle bin`);
    return type;
  }

  private indexOf(table: IdTag, id: string): number {
    const store = this.host.store();
    const decoded = typeof id === 'string' ? store.ids.decode(id) : null;
    const def = entityByTable(table);
    const rows = def ? def.rows(store) : [];
    if (
      !decoded ||
      decoded.table !== table ||
      decoded.index >= rows.length ||
      store.isRemoved(table, decoded.index)
    )
      throw new ChangeError(404, `Объект с типом '${table}' и идентификатором '${id}' не найден`);
    return decoded.index;
  }

  private render(table: IdTag, index: number): EntityJson {
    const store = this.host.store();
    const def = entityByTable(table)!;
    return def.serialize(def.rows(store)[index], index, this.host.renderContext());
  }
}
