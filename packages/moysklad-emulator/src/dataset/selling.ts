import { DAY, HOUR, MINUTE, mskDayStart } from '../time/moscow';
import type { DocumentRow } from '../store/rows';
import type { LineDraft, Trade } from './trade';

/** Wholesale and online orders: invoiced, shipped, cancelled or returned. */
export function selling(trade: Trade) {
  const {
    store,
    profile,
    random,
    until,
    roles,
    ledger,
    positions,
    schedule,
    warehouses,
    state,
    goods,
    goodByCell,
    markReorder,
    minuteOf,
    newDocument,
    commit,
    linesOf,
    atRateOf,
    goodLine,
    pickGood,
    activeAgent,
    serviceLine,
    bundleLine,
    project,
    touch,
  } = trade;
  /** A cancelled order releases its reserve. */
  const cancel = (order: DocumentRow, time: number) => {
    order.state = state('customerorder', 'Отменен');
    order.closedAt = minuteOf(time);
    for (let p = order.positionStart; p < order.positionStart + order.positionCount; p++)
      positions.reserve[p] = 0;
    order.reservedSum = 0;
    touch(order, time);
  };
  const ship = (orderIndex: number, time: number, invoiceIndex: number) => {
    const order = store.documents.customerorder[orderIndex]!;
    // An order taken without a store ships from the main warehouse.
    const from = order.store >= 0 ? order.store : warehouses[0]!;
    const lines: LineDraft[] = [];
    for (const line of atRateOf(linesOf(order), time)) {
      if (line.kind === 'service') {
        lines.push(line);
        continue;
      }
      const kind = line.kind === 'product' ? 0 : line.kind === 'variant' ? 1 : 3;
      const available = Math.max(0, ledger.available(positions, kind, line.index, from));
      const quantity = Math.min(
        line.quantity,
        Number.isInteger(line.quantity) ? Math.floor(available) : available,
      );
      if (quantity > 0) lines.push({ ...line, quantity });
      if (kind !== 3) {
        const g = goodByCell[ledger.cellOf(kind, line.index)]!;
        if (g >= 0) markReorder(from, g);
      }
    }
    if (!lines.some((l) => l.kind !== 'service')) {
      cancel(order, time);
      return;
    }
    const demand = newDocument('demand', time, {
      organization: order.organization,
      agent: order.agent,
      store: from,
      state: state('demand', 'Отгружено'),
      project: order.project,
      salesChannel: order.salesChannel,
      base: orderIndex,
      vatEnabled: order.vatEnabled,
      vatIncluded: order.vatIncluded,
      description: order.description,
    });
    const demandIndex = commit(demand, lines);
    for (const line of lines) {
      if (line.kind === 'product' || line.kind === 'variant') {
        const g = goodByCell[ledger.cellOf(line.kind === 'product' ? 0 : 1, line.index)]!;
        if (g >= 0) markReorder(from, g);
      }
    }
    const shipped = new Map(lines.map((l) => [`${l.kind}:${l.index}`, l.quantity]));
    for (let p = order.positionStart; p < order.positionStart + order.positionCount; p++) {
      positions.shipped[p] = shipped.get(`${positions.kindOf(p)}:${positions.assortment[p]}`) ?? 0;
      positions.reserve[p] = 0;
    }
    order.closedAt = demand.moment;
    order.shippedSum = demand.sum;
    order.state = state('customerorder', time < until - 3 * DAY ? 'Доставлен' : 'Отгружен');
    const recent = time > until - 10 * DAY;
    const paid = random.next();
    demand.payedSum =
      paid < (recent ? 0.5 : 0.9) ? demand.sum : paid < 0.95 ? Math.round(demand.sum * 0.5) : 0;
    order.payedSum = demand.payedSum;
    touch(order, time);
    if (invoiceIndex >= 0) {
      const invoice = store.documents.invoiceout[invoiceIndex]!;
      invoice.payedSum = Math.min(demand.payedSum, invoice.sum);
      invoice.shippedSum = demand.sum;
      invoice.state = state(
        'invoiceout',
        invoice.payedSum >= invoice.sum ? 'Оплачен' : 'Выставлен',
      );
      touch(invoice, time);
    }
    if (random.chance(0.04 * profile.returnBoost))
      schedule(time + random.int(2, 14) * DAY + random.int(0, 6 * HOUR), (t) =>
        salesReturn(demandIndex, t),
      );
  };
  const salesReturn = (demandIndex: number, time: number) => {
    const demand = store.documents.demand[demandIndex]!;
    const lines = linesOf(demand)
      .filter((l) => l.kind !== 'service' && random.chance(0.5))
      .map((l) => ({
        ...l,
        quantity: Number.isInteger(l.quantity)
          ? random.int(1, Math.max(1, Math.floor(l.quantity)))
          : l.quantity,
      }));
    if (lines.length === 0) return;
    const row = newDocument('salesreturn', time, {
      organization: demand.organization,
      agent: demand.agent,
      store: demand.store,
      project: demand.project,
      salesChannel: demand.salesChannel,
      base: demandIndex,
      state: state('salesreturn', 'Принят'),
      vatEnabled: demand.vatEnabled,
      vatIncluded: demand.vatIncluded,
      description: random.pick([
        'Возврат по браку',
        'Не подошёл размер',
        'Пересорт',
        'Отказ покупателя',
      ]),
    });
    commit(row, lines);
    row.payedSum = random.chance(0.8) ? row.sum : 0;
    const order = store.documents.customerorder[demand.base];
    if (order) {
      order.state = state('customerorder', 'Возврат');
      touch(order, time);
    }
    for (const line of lines) {
      if (line.kind === 'product' || line.kind === 'variant') {
        const g = goodByCell[ledger.cellOf(line.kind === 'product' ? 0 : 1, line.index)]!;
        if (g >= 0) markReorder(demand.store, g);
      }
    }
  };
  const customerOrder = (time: number, online: boolean) => {
    const warehouse = online ? warehouses[0]! : random.pick(warehouses);
    if (warehouse === undefined) return;
    const agent = activeAgent(online ? roles.online : roles.wholesale, time);
    if (agent < 0) return;
    const counterparty = store.counterparties[agent]!;
    const exportSale = counterparty.tags.includes('экспорт');
    const vatPayer = store.organizations[0]!.payerVat;
    const count = online ? random.int(1, 4) : 1 + random.skewedIndex(15, 1.7);
    const discount =
      !online && random.chance(0.3)
        ? random.pick([3, 5, 7.5, 10])
        : online && random.chance(0.1)
          ? 5
          : 0;
    const lines: LineDraft[] = [];
    const seen = new Set<number>();
    for (let k = 0; k < count; k++) {
      const g = pickGood(warehouse, time);
      if (g < 0 || seen.has(g)) continue;
      seen.add(g);
      const good = goods[g]!;
      const quantity = good.weighed
        ? Math.round((online ? 0.3 + random.next() * 2 : 2 + random.next() * 30) * 1000) / 1000
        : online
          ? random.int(1, 2)
          : 1 + random.skewedIndex(40, 2.2);
      lines.push(
        goodLine(
          good,
          quantity,
          online ? 0 : counterparty.priceType,
          time,
          discount,
          vatPayer,
          exportSale,
        ),
      );
    }
    if (lines.length === 0) return;
    if (online && random.chance(0.05)) {
      const bundle = bundleLine(time, vatPayer);
      if (bundle) lines.push(bundle);
    }
    if (random.chance(online ? 0.6 : 0.2)) {
      const service = serviceLine(time, vatPayer, 0);
      if (service) lines.push(service);
    }
    const draft = random.chance(0.02);
    const channels = online ? [1, 3] : [2, 2, 2, 3];
    const order = newDocument('customerorder', time, {
      organization: 0,
      agent,
      store: random.chance(online ? 0.02 : 0) ? -1 : warehouse,
      state: state('customerorder', draft ? 'Новый' : 'Подтвержден'),
      project: project(time),
      salesChannel: random.pick(channels),
      applicable: !draft,
      vatEnabled: vatPayer,
      vatIncluded: online || random.chance(0.85),
      plannedMoment: minuteOf(time + random.int(1, 4) * DAY),
    });
    const orderIndex = commit(order, lines);
    if (draft) return;
    for (let p = order.positionStart; p < order.positionStart + order.positionCount; p++) {
      if (positions.assortmentKind[p] !== 2) positions.reserve[p] = positions.quantity[p]!;
    }
    order.reservedSum = order.sum;
    let invoiceIndex = -1;
    if (!online && counterparty.companyType !== 'individual' && random.chance(0.75)) {
      const invoice = newDocument('invoiceout', time + random.int(5, 90) * MINUTE, {
        organization: 0,
        agent,
        store: order.store,
        state: state('invoiceout', 'Выставлен'),
        project: order.project,
        salesChannel: order.salesChannel,
        base: orderIndex,
        vatEnabled: order.vatEnabled,
        vatIncluded: order.vatIncluded,
        plannedMoment: minuteOf(time + 5 * DAY),
      });
      invoiceIndex = commit(invoice, lines);
      order.invoicedSum = invoice.sum;
    }
    if (random.chance(0.04)) {
      schedule(time + random.int(1, 3) * DAY, (t) => cancel(order, t));
      return;
    }
    const lag = online ? random.int(0, 2) : random.int(0, 4);
    const shipAt = mskDayStart(time) + lag * DAY + 10 * HOUR + random.int(0, 8 * HOUR);
    const when = Math.max(shipAt, time + 30 * MINUTE);
    if (
      !schedule(when, (t) => {
        order.reservedSum = 0;
        ship(orderIndex, t, invoiceIndex);
      })
    ) {
      order.state = state('customerorder', random.chance(0.5) ? 'Подтвержден' : 'Собран');
    }
  };

  return { customerOrder };
}
