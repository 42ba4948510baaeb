import type { Hono } from 'hono';
import { ApiError, errors } from '../http/errors';
import { jsonResponse } from '../http/respond';
import {
  queryParams,
  renderContext,
  type AppContext,
  type AppEnv,
  type Runtime,
} from '../http/runtime';
import { parseFilter } from '../query/filter';
import { pageMeta } from '../query/list';
import { parseOrder } from '../query/order';
import { parsePaging } from '../query/params';
import { currentStock, STOCK_TYPES, type StockType } from '../reports/current';
import {
  parseStockFilter,
  sortStockLines,
  stockAllRow,
  stockByStoreRow,
  stockLines,
} from '../reports/stock';
import { MEDIA_TYPE } from '../serialize/meta';
import { DAY, HOUR, parseMsk } from '../time/moscow';
import { pretty } from './entities';

const ALL_ORDER = [
  'avgStockDays',
  'code',
  'inTransit',
  'minimumBalance',
  'name',
  'pathName',
  'price',
  'productCode',
  'quantity',
  'reserve',
  'salePrice',
  'stock',
  'sumTotal',
];
const BYSTORE_ORDER = ['pathName', 'name', 'code', 'productCode', 'stockOnAllStores'];
const GROUP_BY = ['product', 'variant', 'consignment'];

/**
 * Filtered and sorted report lines of recent queries: a client pages through a report with the
 * same parameters, and each page would otherwise work out the whole report again.
 */
const recentReports = new WeakMap<Runtime['store'], Map<string, ReturnType<typeof stockLines>>>();
const RECENT_REPORTS = 8;

function reportLines(
  runtime: Runtime,
  report: 'all' | 'bystore',
  params: URLSearchParams,
  groupBy: string,
) {
  let recent = recentReports.get(runtime.store);
  if (!recent) recentReports.set(runtime.store, (recent = new Map()));
  const key = JSON.stringify([
    runtime.store.version,
    report,
    groupBy,
    params.getAll('filter'),
    params.get('order'),
  ]);
  let cached = recent.get(key);
  if (!cached) {
    const filter = parseStockFilter(runtime.store, parseFilter(params.getAll('filter')), report);
    const order = parseOrder(
      params.get('order') ?? undefined,
      report === 'all' ? ALL_ORDER : BYSTORE_ORDER,
    );
    cached = stockLines(runtime.store, filter, groupBy, runtime.now(), report);
    sortStockLines(cached.lines, order);
    recent.set(key, cached);
    if (recent.size > RECENT_REPORTS) recent.delete(recent.keys().next().value!);
  }
  return cached;
}

async function stockReport(
  c: AppContext,
  runtime: Runtime,
  report: 'all' | 'bystore',
): Promise<Response> {
  const params = queryParams(c);
  const { limit, offset } = parsePaging(
    params.get('limit') ?? undefined,
    params.get('offset') ?? undefined,
  );
  const groupBy = params.get('groupBy') ?? 'variant';
  if (!GROUP_BY.includes(groupBy)) throw errors.parameter(groupBy, 'groupBy', GROUP_BY.join(', '));
  const ctx = renderContext(c, runtime, null, true);
  const { lines, stores } = reportLines(runtime, report, params, groupBy);
  const page = lines.slice(offset, offset + limit);
  const rows = page.map((entry) =>
    report === 'all' ? stockAllRow(ctx, entry) : stockByStoreRow(ctx, entry, stores),
  );
  const meta = pageMeta(
    `${ctx.api}/report/stock/${report}`,
    params,
    report === 'all' ? 'stock' : 'stockbystore',
    lines.length,
    limit,
    offset,
  );
  // The stock reports show `context.employee` as a bare meta, unlike entity lists.
  const context = {
    employee: { href: `${ctx.api}/context/employee`, type: 'employee', mediaType: MEDIA_TYPE },
  };
  return jsonResponse(200, { context, meta, rows }, {}, pretty(c));
}

/** Values of a `filter` condition of the current reports: ids, comma-separated or repeated. */
function idSet(conditions: ReturnType<typeof parseFilter>, field: string): Set<string> | null {
  const values = conditions.filter((c) => c.field === field);
  if (values.length === 0) return null;
  const ids = new Set<string>();
  for (const c of values) {
    if (c.op !== '=')
      throw errors.filter(`оператор '${c.op}' не поддерживается для поля '${field}'`);
    for (const id of c.value.split(',')) {
      if (!/^[0-9a-fA-F-]{36}$/.test(id.trim())) throw errors.filterValue(id, field);
      ids.add(id.trim().toLowerCase());
    }
  }
  return ids;
}

async function currentReport(
  c: AppContext,
  runtime: Runtime,
  report: 'all' | 'bystore',
): Promise<Response> {
  const identity = c.get('identity');
  if (identity.user && !identity.user.admin)
    throw new ApiError(403, 13004, 'Отсутствует доступ к отчету Текущие остатки');
  const params = queryParams(c);
  const stockType = (params.get('stockType') ?? 'stock') as StockType;
  if (!STOCK_TYPES.includes(stockType))
    throw errors.parameter(stockType, 'stockType', STOCK_TYPES.join(', '));
  const include = params.get('include');
  if (include !== null && include !== 'zeroLines')
    throw errors.parameter(include, 'include', 'zeroLines');
  let changedSince: number | null = null;
  const since = params.get('changedSince');
  if (since !== null) {
    changedSince = parseMsk(since);
    const now = runtime.now();
    // At most 24 hours back and not in the future.
    if (changedSince === null || changedSince > now || changedSince < now - DAY - HOUR / 60) {
      throw errors.parameter(
        since,
        'changedSince',
        'не ранее чем 24 часа назад и не позднее текущего момента',
      );
    }
  }
  const conditions = parseFilter(params.getAll('filter'));
  for (const cond of conditions) {
    if (cond.field !== 'assortmentId' && cond.field !== 'storeId')
      throw errors.filter(`Неизвестное поле фильтрации '${cond.field}'`);
  }
  const rows = currentStock(runtime.store, report, {
    stockType,
    includeZero: include === 'zeroLines',
    changedSince,
    assortmentIds: idSet(conditions, 'assortmentId'),
    storeIds: idSet(conditions, 'storeId'),
  });
  return jsonResponse(200, rows, {}, pretty(c));
}

export function registerReportRoutes(api: Hono<AppEnv>, runtime: Runtime): void {
  api.get('/report/stock/all', (c) => stockReport(c, runtime, 'all'));
  api.get('/report/stock/bystore', (c) => stockReport(c, runtime, 'bystore'));
  api.get('/report/stock/all/current', (c) => currentReport(c, runtime, 'all'));
  api.get('/report/stock/bystore/current', (c) => currentReport(c, runtime, 'bystore'));
}
