import { describe, expect, it } from 'vitest';
import { json, useTestApp } from '../src/testing/harness';

describe('system.info through both transports', () => {
  const app = useTestApp();

  it('answers on REST with the version, environment and database kind', async () => {
    const response = await app.request('/api/v1/system/info');
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      name: 'crm',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      environment: 'test',
      database: { kind: expect.stringMatching(/^(embedded|external)$/) },
      demo: false,
    });
  });

  // trpc-to-openapi coerces GET query inputs by mutating the shared schemas; a plain z.boolean()
  // would read "false" as true here and then break tRPC too. Order matters: REST first.
  it('reads ?detailed=false as false and ?detailed=true as true on REST', async () => {
    const off = await json(await app.request('/api/v1/system/info?detailed=false'));
    expect(off).not.toHaveProperty('details');
    const on = await json(await app.request('/api/v1/system/info?detailed=true'));
    expect(on.details).toEqual({
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      uptimeSeconds: expect.any(Number),
      migrationsApplied: expect.any(Number),
      roles: ['api', 'worker'],
    });
  });

  it('still takes real booleans through tRPC after REST has coerced', async () => {
    const off = await app.trpc.system.info.query({ detailed: false });
    expect(off.details).toBeUndefined();
    const on = await app.trpc.system.info.query({ detailed: true });
    expect(on.details?.startedAt).toBeInstanceOf(Date);
    expect(on.details?.migrationsApplied).toBeGreaterThan(0);
  });

  it('rejects a value that is not a boolean on both transports', async () => {
    const response = await app.request('/api/v1/system/info?detailed=yes');
    expect(response.status).toBe(400);
    expect((await json(response)).issues).toEqual([{ path: ['detailed'], message: expect.any(String) }]);
    await expect(app.trpc.system.info.query({ detailed: 'yes' as never })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST', httpStatus: 400 },
    });
  });

  it('is listed in the OpenAPI document with its boolean query parameter', async () => {
    const document = await json(await app.request('/api/v1/openapi.json'));
    const operation = document.paths['/system/info'].get;
    expect(operation.operationId).toBe('system-info');
    expect(operation.parameters).toEqual([
      expect.objectContaining({ in: 'query', name: 'detailed', schema: expect.objectContaining({ type: 'boolean' }) }),
    ]);
    expect(document.components.securitySchemes).toHaveProperty('Authorization');
  });

  it('serves the docs page and its assets from the server itself', async () => {
    const page = await app.request('/api/v1/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.every((a) => a.startsWith('/api/v1/docs/'))).toBe(true);
    for (const asset of assets) expect((await app.request(asset)).status, asset).toBe(200);
  });
});
