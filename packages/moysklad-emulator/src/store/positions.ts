import { ASSORTMENT_KINDS, type AssortmentKind, ASSORTMENT_KIND_CODE } from '../model/types';

type NumberColumn = Float64Array | Int32Array | Uint8Array;

/**
 * Document positions of every type, column by column: the `large` dataset has more than a million
 * of them and an object per position would cost several times more memory.
 */
export class PositionTable {
  length = 0;
  private capacity: number;
  document: Int32Array;
  assortmentKind: Uint8Array;
  assortment: Int32Array;
  quantity: Float64Array;
  price: Float64Array;
  discount: Float64Array;
  vat: Uint8Array;
  vatEnabled: Uint8Array;
  /** customerorder: reserve; purchaseorder: inTransit. */
  reserve: Float64Array;
  /** customerorder/purchaseorder: shipped (received). */
  shipped: Float64Array;
  /**
   * Number the position's id is made from: its own slot, or the slot it was first stored in when a
   * change moved the document's positions to the end of the table (ids outlive such moves).
   */
  ident: Int32Array;

  constructor(initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.document = new Int32Array(initialCapacity);
    this.assortmentKind = new Uint8Array(initialCapacity);
    this.assortment = new Int32Array(initialCapacity);
    this.quantity = new Float64Array(initialCapacity);
    this.price = new Float64Array(initialCapacity);
    this.discount = new Float64Array(initialCapacity);
    this.vat = new Uint8Array(initialCapacity);
    this.vatEnabled = new Uint8Array(initialCapacity);
    this.reserve = new Float64Array(initialCapacity);
    this.shipped = new Float64Array(initialCapacity);
    this.ident = new Int32Array(initialCapacity);
  }

  add(position: {
    document: number;
    kind: AssortmentKind;
    assortment: number;
    quantity: number;
    price: number;
    discount: number;
    vat: number;
    vatEnabled: boolean;
    /** Slot whose id the position keeps (a position moved by a change); its own slot by default. */
    ident?: number;
  }): number {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.document[i] = position.document;
    this.assortmentKind[i] = ASSORTMENT_KIND_CODE[position.kind];
    this.assortment[i] = position.assortment;
    this.quantity[i] = position.quantity;
    this.price[i] = position.price;
    this.discount[i] = position.discount;
    this.vat[i] = position.vat;
    this.vatEnabled[i] = position.vatEnabled ? 1 : 0;
    this.reserve[i] = 0;
    this.shipped[i] = 0;
    this.ident[i] = position.ident ?? i;
    return i;
  }

  kindOf(i: number): AssortmentKind {
    return ASSORTMENT_KINDS[this.assortmentKind[i]!]!;
  }

  /** Line total after discount, in whole kopecks (document sums are whole kopecks). */
  lineTotal(i: number): number {
    return Math.round(this.price[i]! * this.quantity[i]! * (1 - this.discount[i]! / 100));
  }

  /** Drops the spare capacity once generation is done. */
  compact(): void {
    this.resize(this.length);
  }

  private grow(): void {
    // Doubling while the dataset is generated; a quarter more at a time once it is large.
    const step = this.capacity > 1_000_000 ? Math.ceil(this.capacity / 4) : this.capacity;
    this.resize(Math.max(1024, this.capacity + step));
  }

  private resize(capacity: number): void {
    const copy = <T extends NumberColumn>(column: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(column.subarray(0, Math.min(this.length, capacity)) as never);
      return next;
    };
    this.document = copy(this.document, (n) => new Int32Array(n));
    this.assortmentKind = copy(this.assortmentKind, (n) => new Uint8Array(n));
    this.assortment = copy(this.assortment, (n) => new Int32Array(n));
    this.quantity = copy(this.quantity, (n) => new Float64Array(n));
    this.price = copy(this.price, (n) => new Float64Array(n));
    this.discount = copy(this.discount, (n) => new Float64Array(n));
    this.vat = copy(this.vat, (n) => new Uint8Array(n));
    this.vatEnabled = copy(this.vatEnabled, (n) => new Uint8Array(n));
    this.reserve = copy(this.reserve, (n) => new Float64Array(n));
    this.shipped = copy(this.shipped, (n) => new Float64Array(n));
    this.ident = copy(this.ident, (n) => new Int32Array(n));
    this.capacity = capacity;
  }
}
