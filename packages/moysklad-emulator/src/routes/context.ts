import type { Hono } from 'hono';
import { employee, priceType } from '../model/entities/dictionaries';
import { errors } from '../http/errors';
import { jsonResponse } from '../http/respond';
import { renderContext, type AppEnv, type Runtime } from '../http/runtime';
import { MEDIA_TYPE, type JsonObject } from '../serialize/meta';
import { entityResponse, pretty, rowIndex } from './entities';

/** Entity permissions as `/context/employee` lists them: OPERATION, DICTIONARY or BASE sets. */
const OPERATIONS = [
  'customerorder',
  'demand',
  'invoiceout',
  'salesreturn',
  'retaildemand',
  'retailsalesreturn',
  'supply',
  'purchaseorder',
  'purchasereturn',
  'paymentin',
  'paymentout',
  'move',
  'enter',
  'loss',
];
const DICTIONARIES = [
  'product',
  'service',
  'bundle',
  'variant',
  'productfolder',
  'counterparty',
  'contract',
  'webhook',
];
const BASE = ['currency', 'uom', 'store', 'organization', 'employee', 'project', 'country'];
const FLAGS = [
  'dashboard',
  'stock',
  'customAttributes',
  'pnl',
  'company_crm',
  'tariff_crm',
  'audit_dashboard',
  'dashboardMoney',
  'viewProductCostAndProfit',
];

function permissions(admin: boolean, viewCost: boolean): JsonObject {
  const all = 'ALL';
  const result: JsonObject = {};
  for (const name of OPERATIONS)
    result[name] = { view: all, create: all, update: all, delete: all, approve: all, print: all };
  for (const name of DICTIONARIES) {
    if (name === 'webhook' && !admin) continue;
    result[name] = { view: all, create: all, update: all, delete: all, print: all };
  }
  for (const name of BASE) result[name] = { view: all, create: all, update: all, delete: all };
  for (const name of FLAGS) {
    if (name === 'viewProductCostAndProfit' && !viewCost) continue;
    if (name === 'stock' && !admin) continue;
    result[name] = { view: all };
  }
  if (admin) result.admin = { view: all };
  return result;
}

export function registerContextRoutes(api: Hono<AppEnv>, runtime: Runtime): void {
  api.get('/context/employee', async (c) => {
    const identity = c.get('identity');
    if (!identity.user) throw errors.noUserInfo();
    const ctx = renderContext(c, runtime, null, false);
    const index = Math.min(identity.user.employee, runtime.store.employees.length - 1);
    const json = employee.serialize(runtime.store.employees[index]!, index, ctx);
    json.uid = identity.user.login;
    json.permissions = permissions(identity.user.admin, identity.user.viewCost);
    return jsonResponse(200, json, {}, pretty(c));
  });

  api.get('/context/application', async (c) => {
    const solution = c.get('identity').solution;
    if (!solution) throw errors.forbidden();
    const ctx = renderContext(c, runtime, null, false);
    const id = ctx.store.ids.encode('application', solution.index);
    return jsonResponse(200, {
      meta: {
        href: `${ctx.api}/entity/application/${id}`,
        metadataHref: `${ctx.api}/entity/application/metadata`,
        type: 'application',
        mediaType: MEDIA_TYPE,
      },
      appUid: solution.appUid,
      id,
    });
  });

  // Price types come as a bare array, not a list envelope.
  api.get('/context/companysettings/pricetype', async (c) => {
    const ctx = renderContext(c, runtime, null, false);
    return jsonResponse(
      200,
      runtime.store.priceTypes.map((row, i) => priceType.serialize(row, i, ctx)),
      {},
      pretty(c),
    );
  });
  api.get('/context/companysettings/pricetype/default', (c) =>
    entityResponse(c, runtime, priceType, 0),
  );
  api.get('/context/companysettings/pricetype/:id', (c) =>
    entityResponse(c, runtime, priceType, rowIndex(runtime, priceType, c.req.param('id'))),
  );

  api.post('/security/token', async (c) => {
    const identity = c.get('identity');
    if (identity.kind !== 'basic' || !identity.user) throw errors.noUserInfo();
    return jsonResponse(200, { access_token: runtime.auth.issueToken(identity.user) });
  });
}
