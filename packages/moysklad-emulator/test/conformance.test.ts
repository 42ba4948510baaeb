import type Ajv2019 from 'ajv/dist/2019';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index';
import { DOCUMENT_TYPES } from '../src/model/types';
import { call, get, tinyEmulator } from './helpers';
import { loadSpec, newAjv, responseValidator, specAvailable } from './openapi';
import * as documented from './schemas/documented';

/** Types without an `archived` field (filtering by it is an error there). */
const NOT_ARCHIVABLE = ['uom', 'retailshift'];

const DICTIONARIES = [
  'organization',
  'employee',
  'currency',
  'uom',
  'store',
  'productfolder',
  'product',
  'variant',
  'service',
  'bundle',
  'counterparty',
  'saleschannel',
  'project',
  'retailstore',
  'retailshift',
];

function explain(validate: { errors?: unknown }, path: string): string {
  return `${path}: ${JSON.stringify(validate.errors, null, 1)?.slice(0, 2000)}`;
}

describe.skipIf(!specAvailable)('responses conform to the official OpenAPI spec', () => {
  let ajv: Ajv2019;
  let spec: Record<string, unknown>;
  let emulator: Emulator;

  beforeAll(async () => {
    ({ ajv, spec } = await loadSpec());
    emulator = tinyEmulator();
  }, 60_000);

  async function conforms(template: string, path: string): Promise<void> {
    const validate = responseValidator(ajv, spec, template);
    const body = await get(emulator, path);
    expect(validate(body), explain(validate, path)).toBe(true);
  }

  const everything = (type: string) =>
    NOT_ARCHIVABLE.includes(type) ? '' : 'filter=archived=true;archived=false';

  async function firstId(type: string): Promise<string> {
    const list = await get(emulator, `/entity/${type}?limit=1&${everything(type)}`);
    return list.rows[0].id;
  }

  it.each(DICTIONARIES)('%s: list (archived too), list with expand, single', async (type) => {
    await conforms(`/entity/${type}`, `/entity/${type}?${everything(type)}`);
    await conforms(
      `/entity/${type}`,
      `/entity/${type}?limit=100&expand=owner,group,productFolder,uom,supplier,product,organization,store,retailStore`,
    );
    await conforms(`/entity/${type}/{id}`, `/entity/${type}/${await firstId(type)}`);
  });

  it.each(DOCUMENT_TYPES)(
    '%s: list, expanded list, single, positions, position, states',
    async (type) => {
      await conforms(`/entity/${type}`, `/entity/${type}?filter=isDeleted=true;isDeleted=false`);
      await conforms(
        `/entity/${type}`,
        `/entity/${type}?limit=25&expand=agent,organization,store,state,positions.assortment,project,salesChannel&fields=stock`,
      );
      const id = (await get(emulator, `/entity/${type}?limit=1`)).rows[0].id;
      await conforms(`/entity/${type}/{id}`, `/entity/${type}/${id}?expand=positions,agent`);
      await conforms(
        `/entity/${type}/{id}/positions`,
        `/entity/${type}/${id}/positions?fields=stock&expand=assortment`,
      );
      const position = (await get(emulator, `/entity/${type}/${id}/positions?limit=1`)).rows[0].id;
      await conforms(
        `/entity/${type}/{id}/positions/{positionId}`,
        `/entity/${type}/${id}/positions/${position}?fields=stock`,
      );
      await conforms(`/entity/${type}/metadata`, `/entity/${type}/metadata`);
      const states = (await get(emulator, `/entity/${type}/metadata`)).states;
      if (states.length > 0)
        await conforms(
          `/entity/${type}/metadata/states/{id}`,
          `/entity/${type}/metadata/states/${states[0].id}`,
        );
    },
  );

  it('sub-resources and settings', async () => {
    await conforms('/context/companysettings/pricetype', '/context/companysettings/pricetype');
    const priceTypes = await get(emulator, '/context/companysettings/pricetype');
    await conforms(
      '/context/companysettings/pricetype/{id}',
      `/context/companysettings/pricetype/${priceTypes[1].id}`,
    );
    await conforms(
      '/context/companysettings/pricetype/default',
      '/context/companysettings/pricetype/default',
    );
    await conforms(
      '/entity/bundle/{id}/components',
      `/entity/bundle/${await firstId('bundle')}/components?expand=assortment`,
    );
    await conforms(
      '/entity/organization/{id}/accounts',
      `/entity/organization/${await firstId('organization')}/accounts`,
    );
    await conforms(
      '/entity/counterparty/{id}/accounts',
      `/entity/counterparty/${(await get(emulator, '/entity/counterparty?filter=companyType=legal&limit=1')).rows[0].id}/accounts`,
    );
    await conforms(
      '/entity/variant/metadata/characteristics',
      '/entity/variant/metadata/characteristics',
    );
    for (const type of [
      'product',
      'counterparty',
      'organization',
      'employee',
      'store',
      'variant',
      'project',
    ]) {
      await conforms(`/entity/${type}/metadata`, `/entity/${type}/metadata`);
    }
  });

  it('assortment, old and new', async () => {
    await conforms('/entity/assortment', '/entity/assortment');
    const validate = responseValidator(ajv, spec, '/entity/assortment');
    const body = await get(emulator, '/entity/assortment?limit=100&expand=product,components', {
      'X-Lognex-Remap-Beta-Feature': 'assortmentWithoutStock',
    });
    expect(validate(body), explain(validate, 'assortment (beta)')).toBe(true);
  });

  it('webhook registrations, against the spec and the documentation', async () => {
    const created = await call(emulator, '/entity/webhook', {
      method: 'POST',
      body: {
        url: 'https://crm.example.ru/hooks/moysklad',
        action: 'UPDATE',
        entityType: 'product',
        diffType: 'FIELDS',
      },
    });
    expect(created.status).toBe(200);
    const stock = await call(emulator, '/entity/webhookstock', {
      method: 'POST',
      body: {
        url: 'https://crm.example.ru/hooks/stock',
        stockType: 'stock',
        reportType: 'bystore',
      },
    });
    expect(stock.status).toBe(200);
    await conforms('/entity/webhook', '/entity/webhook');
    await conforms('/entity/webhook/{id}', `/entity/webhook/${created.body.id}`);
    await conforms('/entity/webhookstock', '/entity/webhookstock');
    await conforms('/entity/webhookstock/{id}', `/entity/webhookstock/${stock.body.id}`);

    const strict = newAjv();
    for (const [schema, path] of [
      [documented.entityList(documented.webhook), '/entity/webhook'],
      [documented.webhook, `/entity/webhook/${created.body.id}`],
      [documented.entityList(documented.webhookStock), '/entity/webhookstock'],
      [documented.webhookStock, `/entity/webhookstock/${stock.body.id}`],
    ] as const) {
      const validate = strict.compile(schema);
      expect(validate(await get(emulator, path)), explain(validate, path)).toBe(true);
    }
  });
});

describe('stock reports conform to the documented shapes', () => {
  const ajv = newAjv();
  const emulator = tinyEmulator();

  it.each([
    ['/report/stock/all', documented.stockAll],
    [
      '/report/stock/all?groupBy=product&filter=stockMode=all;quantityMode=all',
      documented.stockAll,
    ],
    ['/report/stock/all?limit=10&offset=5&order=stock,desc', documented.stockAll],
    ['/report/stock/bystore', documented.stockByStore],
    ['/report/stock/bystore?filter=stockMode=all&limit=7', documented.stockByStore],
  ] as const)('%s', async (path, schema) => {
    const validate = ajv.compile(schema);
    const body = await get(emulator, path);
    expect(body.rows.length).toBeGreaterThan(0);
    expect(validate(body), explain(validate, path)).toBe(true);
  });

  it.each(['stock', 'freeStock', 'quantity', 'reserve', 'inTransit'])(
    'current reports, stockType=%s',
    async (stockType) => {
      for (const byStore of [false, true]) {
        const path = `/report/stock/${byStore ? 'bystore' : 'all'}/current?stockType=${stockType}&include=zeroLines`;
        const validate = ajv.compile(documented.currentStock(stockType, byStore));
        const body = await get(emulator, path);
        expect(body.length).toBeGreaterThan(0);
        expect(validate(body), explain(validate, path)).toBe(true);
      }
    },
  );
});
