import type { DocumentType } from '../model/types';
import type { PositionTable } from './positions';
import type { BundleRow, DocumentRow } from './rows';

/** How a posted document moves goods: +1 receives onto its store, -1 takes off it. */
export const STOCK_DIRECTION: Partial<Record<DocumentType, 1 | -1>> = {
  supply: 1,
  salesreturn: 1,
  retailsalesreturn: 1,
  demand: -1,
  retaildemand: -1,
  purchasereturn: -1,
};

export interface LedgerShape {
  products: number;
  variants: number;
  stores: number;
  bundles: readonly BundleRow[];
}

/**
 * Stock per (good, store) and moving average cost per good, obtained by applying posted documents
 * in the order of their moments. The same class serves the generator (which asks what is on the
 * shelf before it ships) and the reports (current stock, or stock at a past moment by replay).
 *
 * Goods are "cells": product i is cell i, variant j is cell products + j. Services have no stock;
 * a bundle moves its components.
 */
export class StockLedger {
  readonly cells: number;
  readonly stores: number;
  readonly stock: Float64Array;
  /** Moving average unit cost per cell, kopecks (fractional). */
  readonly cost: Float64Array;
  /** Moment of the last receipt per cell, for `stockDays`. */
  readonly lastReceipt: Float64Array;
  /** Moment of the last movement per (cell, store); 0 = never moved (such rows never show in reports). */
  readonly lastMovement: Float64Array;
  /** Unit cost of each position at its document's moment (outflows: cost of goods; inflows: cost received). */
  positionCost: Float64Array;
  /** Stock of the position's good on the document's store just before the document. */
  positionStockBefore: Float64Array;

  constructor(
    private readonly shape: LedgerShape,
    positionCapacity: number,
  ) {
    this.cells = shape.products + shape.variants;
    this.stores = shape.stores;
    this.stock = new Float64Array(this.cells * this.stores);
    this.cost = new Float64Array(this.cells);
    this.lastReceipt = new Float64Array(this.cells);
    this.lastMovement = new Float64Array(this.cells * this.stores);
    this.positionCost = new Float64Array(positionCapacity);
    this.positionStockBefore = new Float64Array(positionCapacity);
  }

  cellOf(kind: number, index: number): number {
    return kind === 0 ? index : kind === 1 ? this.shape.products + index : -1;
  }

  stockAt(cell: number, store: number): number {
    return this.stock[cell * this.stores + store]!;
  }

  totalStock(cell: number): number {
    let sum = 0;
    const base = cell * this.stores;
    for (let s = 0; s < this.stores; s++) sum += this.stock[base + s]!;
    return sum;
  }

  /** Units of a position's good that can leave the store (bundles: limited by their scarcest component). */
  available(positions: PositionTable, kind: number, index: number, store: number): number {
    if (kind === 2) return Infinity;
    if (kind === 3) {
      let limit = Infinity;
      for (const component of this.shape.bundles[index]!.components) {
        const cell = this.cellOf(component.kind === 'product' ? 0 : 1, component.index);
        limit = Math.min(limit, Math.floor(this.stockAt(cell, store) / component.quantity));
      }
      return limit;
    }
    return this.stockAt(this.cellOf(kind, index), store);
  }

  /** Applies a posted, not deleted document; other documents leave stock untouched. */
  apply(document: DocumentRow, positions: PositionTable): void {
    const direction = STOCK_DIRECTION[document.type];
    if (!direction || !document.applicable || document.deleted !== 0 || document.store < 0) return;
    const end = document.positionStart + document.positionCount;
    if (end > this.positionCost.length) this.growPositions(end);
    for (let p = document.positionStart; p < end; p++) {
      const kind = positions.assortmentKind[p]!;
      const index = positions.assortment[p]!;
      const quantity = positions.quantity[p]!;
      if (kind === 2) {
        this.positionCost[p] = 0;
        continue;
      }
      if (kind === 3) {
        let unitCost = 0;
        let before = Infinity;
        for (const component of this.shape.bundles[index]!.components) {
          const cell = this.cellOf(component.kind === 'product' ? 0 : 1, component.index);
          before = Math.min(
            before,
            Math.floor(this.stockAt(cell, document.store) / component.quantity),
          );
          unitCost +=
            this.move(cell, document, direction, quantity * component.quantity, null) *
            component.quantity;
        }
        this.positionCost[p] = unitCost;
        this.positionStockBefore[p] = before;
        continue;
      }
      const cell = this.cellOf(kind, index);
      this.positionStockBefore[p] = this.stockAt(cell, document.store);
      const receivedCost =
        document.type === 'supply'
          ? positions.price[p]! * (1 - positions.discount[p]! / 100)
          : null;
      this.positionCost[p] = this.move(cell, document, direction, quantity, receivedCost);
    }
  }

  /** Drops spare capacity of the per-position arrays once generation is done. */
  compact(positions: number): void {
    this.positionCost = this.positionCost.slice(0, positions);
    this.positionStockBefore = this.positionStockBefore.slice(0, positions);
  }

  private growPositions(needed: number): void {
    const capacity = Math.max(needed, this.positionCost.length * 2);
    const cost = new Float64Array(capacity);
    cost.set(this.positionCost);
    const before = new Float64Array(capacity);
    before.set(this.positionStockBefore);
    this.positionCost = cost;
    this.positionStockBefore = before;
  }

  /** Moves goods and returns the unit cost the movement carried. */
  private move(
    cell: number,
    document: DocumentRow,
    direction: 1 | -1,
    quantity: number,
    receivedUnitCost: number | null,
  ): number {
    const slot = cell * this.stores + document.store;
    const currentCost = this.cost[cell]!;
    if (direction > 0) {
      // Returns come back at the current average cost; supplies bring their own price.
      const unitCost = receivedUnitCost ?? currentCost;
      const total = this.totalStock(cell);
      const held = Math.max(total, 0);
      this.cost[cell] =
        held + quantity > 0
          ? (held * currentCost + quantity * unitCost) / (held + quantity)
          : unitCost;
      this.stock[slot] = this.stock[slot]! + quantity;
      if (document.type === 'supply') this.lastReceipt[cell] = document.moment;
      this.lastMovement[slot] = document.moment;
      return unitCost;
    }
    this.stock[slot] = this.stock[slot]! - quantity;
    this.lastMovement[slot] = document.moment;
    return currentCost;
  }
}
