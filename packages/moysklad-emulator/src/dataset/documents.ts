import { DAY, HOUR, MINUTE, mskWeekday } from '../time/moscow';
import type { CatalogueInfo } from './catalogue';
import { B2B_WEEKDAY, poisson, RETAIL_WEEKDAY, seasonality } from './calendar';
import type { DocumentType } from '../model/types';
import type { EmulatorStore } from '../store/store';
import type { Random } from '../random/prng';
import type { CounterpartyRoles } from './counterparties';
import type { SizeProfile } from './sizes';
import { purchasing } from './purchasing';
import { retail } from './retail';
import { selling } from './selling';
import { strays } from './strays';
import { createTrade } from './trade';

/**
 * Simulates the account's trade day by day: purchasing keeps shelves stocked, wholesale and online
 * orders are invoiced and shipped, shops ring up retail sales, and some of everything comes back.
 * Stock moves through the same ledger the reports read, so what the documents say and what the
 * stock reports show cannot disagree.
 */
export function generateDocuments(
  store: EmulatorStore,
  profile: SizeProfile,
  random: Random,
  start: number,
  until: number,
  catalogue: CatalogueInfo,
  roles: CounterpartyRoles,
): void {
  const trade = createTrade(store, profile, random, start, until, catalogue, roles);
  const { ledger, positions } = trade;
  const { openingStock, placePurchaseOrders } = purchasing(trade);
  const { customerOrder } = selling(trade);
  const { retailSale } = retail(trade);
  const { strayCopy } = strays(trade);

  // ---- the calendar ------------------------------------------------------------------------------
  openingStock();
  const days = Math.round((until - start) / DAY);
  for (let day = 0; day < days; day++) {
    const dayStart = start + day * DAY;
    const weekday = mskWeekday(dayStart + 12 * HOUR);
    const season = seasonality(dayStart, start);
    // The last days always see some trade, so every size ends with open orders, goods in transit
    // and fresh stock movements (what reserves and `changedSince` are about).
    const tail = day >= days - 2 ? 1 : 0;
    const events = trade.startDay(day);
    const wholesale = Math.max(
      2 * tail,
      poisson(random, profile.wholesaleOrdersPerDay * season * B2B_WEEKDAY[weekday]!),
    );
    for (let i = 0; i < wholesale; i++) {
      events.push({
        time: dayStart + 9 * HOUR + random.int(0, 9 * HOUR),
        run: (t) => customerOrder(t, false),
      });
    }
    const online = Math.max(tail, poisson(random, profile.onlineOrdersPerDay * season));
    for (let i = 0; i < online; i++) {
      events.push({
        time: dayStart + random.int(0, DAY - MINUTE),
        run: (t) => customerOrder(t, true),
      });
    }
    store.retailStores.forEach((rs, r) => {
      if (rs.created > dayStart) return;
      const sales = Math.max(
        2 * tail,
        poisson(random, profile.retailSalesPerStorePerDay * season * RETAIL_WEEKDAY[weekday]!),
      );
      for (let i = 0; i < sales; i++) {
        events.push({
          time: dayStart + 10 * HOUR + random.int(0, 12 * HOUR - MINUTE),
          run: (t) => retailSale(r, t),
        });
      }
    });
    for (const type of [
      'customerorder',
      'demand',
      'invoiceout',
      'retaildemand',
      'supply',
      'purchaseorder',
      'salesreturn',
    ] as const) {
      if (random.chance(type === 'retaildemand' ? 0.15 : 0.035)) {
        events.push({
          time: dayStart + 11 * HOUR + random.int(0, 8 * HOUR),
          run: (t) => strayCopy(type, t),
        });
      }
    }
    events.push({
      time: dayStart + 8 * HOUR,
      run: () => placePurchaseOrders(day, dayStart, day === days - 1),
    });
    trade.runDay(events);
  }
  positions.compact();
  ledger.compact(positions.length);
  tallySales(store);
}

/** Counterparties' `salesAmount`: what they bought and kept, in kopecks. */
function tallySales(store: EmulatorStore): void {
  const signs: [DocumentType, number][] = [
    ['demand', 1],
    ['retaildemand', 1],
    ['salesreturn', -1],
    ['retailsalesreturn', -1],
  ];
  for (const [type, sign] of signs) {
    for (const d of store.documents[type]) {
      if (!d.applicable || d.deleted !== 0) continue;
      const c = store.counterparties[d.agent];
      if (c) c.salesAmount += sign * d.sum;
    }
  }
}
