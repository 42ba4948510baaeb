import type { Hono } from 'hono';
import { errors } from '../http/errors';
import { jsonResponse } from '../http/respond';
import { queryParams, renderContext, type AppEnv, type Runtime } from '../http/runtime';
import { assortment, withStock } from '../model/entities/assortment';
import { listEnvelope, listOptions, pageMeta, renderRows, selectRows } from '../query/list';
import { pretty } from './entities';

const BETA_EXPANDS = ['product', 'images', 'components'];

export function registerAssortmentRoutes(api: Hono<AppEnv>, runtime: Runtime): void {
  api.get('/entity/assortment', async (c) => {
    const params = queryParams(c);
    const beta = (c.req.header('x-lognex-remap-beta-feature') ?? '').includes(
      'assortmentWithoutStock',
    );
    const groupBy = params.get('groupBy') ?? 'variant';
    if (!['product', 'variant', 'consignment'].includes(groupBy))
      throw errors.parameter(groupBy, 'groupBy', 'product, variant, consignment');
    const options = listOptions(params, []);
    if (beta) {
      // The new endpoint expands only first-level product, images and components.
      for (const [field, sub] of Object.entries(options.expand)) {
        if (!BETA_EXPANDS.includes(field) || Object.keys(sub).length > 0)
          throw errors.expandNotSupported(field);
      }
    }
    const ctx = renderContext(c, runtime, null, true);
    const rows = assortment.rows(runtime.store);
    let indices = selectRows(assortment, runtime.store, ctx.api, params);
    if (groupBy === 'product') indices = indices.filter((i) => rows[i]!.kind !== 'variant');
    const page = indices.slice(options.offset, options.offset + options.limit);
    let rendered = renderRows(assortment, page, ctx, options.expand);
    if (!beta) rendered = rendered.map((json, k) => withStock(json, rows[page[k]!]!, ctx));
    const meta = pageMeta(
      `${ctx.api}/entity/assortment`,
      params,
      'assortment',
      indices.length,
      options.limit,
      options.offset,
    );
    return jsonResponse(200, listEnvelope(ctx, meta, rendered), {}, pretty(c));
  });
}
