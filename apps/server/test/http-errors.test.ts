import { procedureFor, router } from '@crm/api';
import { defineProcedure, queryInt } from '@crm/contracts';
import { DomainError } from '@crm/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { json, useTestApp } from '../src/testing/harness';

// A router made for exercising the HTTP layer: one procedure per way a request can fail.
const echo = defineProcedure({
  route: { method: 'POST', path: '/test/echo', summary: 'Echo', tags: ['test'] },
  access: 'public',
  input: z.object({ name: z.string().min(1).max(100), count: z.number().int().min(0) }),
  output: z.object({ name: z.string(), count: z.number() }),
});
const missing = defineProcedure({
  route: { method: 'GET', path: '/test/missing', summary: 'Missing', tags: ['test'] },
  access: 'public',
  input: z.object({ id: queryInt().optional() }),
  output: z.object({}),
});
const broken = defineProcedure({
  route: { method: 'GET', path: '/test/broken', summary: 'Broken', tags: ['test'] },
  access: 'public',
  input: z.object({}),
  output: z.object({}),
});
const secret = defineProcedure({
  route: { method: 'GET', path: '/test/secret', summary: 'Secret', tags: ['test'] },
  access: 'users:read',
  input: z.object({}),
  output: z.object({}),
});

const testRouter = router({
  echo: procedureFor(echo).mutation(({ input }) => input),
  missing: procedureFor(missing).query(() => {
    throw new DomainError('NOT_FOUND', { en: 'No such widget', ru: 'Такого виджета нет' });
  }),
  broken: procedureFor(broken).query(() => {
    throw new Error('connection to 10.0.0.5 refused: password authentication failed for "crm"');
  }),
  secret: procedureFor(secret).query(() => ({})),
});

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('REST errors', () => {
  const app = useTestApp({ router: testRouter });

  it('passes good input through', async () => {
    const response = await app.request('/api/v1/test/echo', post({ name: 'Ёлка', count: 2 }));
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ name: 'Ёлка', count: 2 });
  });

  it('answers malformed JSON with 400 in the API shape', async () => {
    const response = await app.request('/api/v1/test/echo', post('{"name": "x",'));
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({
      code: 'PARSE_ERROR',
      message: 'The request body is not valid JSON',
      requestId: response.headers.get('x-request-id'),
    });
  });

  it('lists every invalid field, in English or Russian by Accept-Language', async () => {
    const en = await app.request('/api/v1/test/echo', post({ name: '', count: 'many' }));
    expect(en.status).toBe(400);
    const body = await json(en);
    expect(body).toMatchObject({ code: 'BAD_REQUEST', message: 'Input validation failed' });
    expect(body.issues.map((i: { path: string[] }) => i.path)).toEqual([['name'], ['count']]);

    const ru = await app.request('/api/v1/test/echo', post({ count: 1 }, { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' }));
    expect(await json(ru)).toMatchObject({
      message: 'Данные не прошли проверку',
      issues: [{ path: ['name'], message: 'Обязательное поле: ожидалось string' }],
    });
  });

  it('refuses a body that is not JSON', async () => {
    const response = await app.request('/api/v1/test/echo', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'name=x' });
    expect(response.status).toBe(415);
    expect((await json(response)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await app.request('/api/v1/test/echo', post({ name: 'x'.repeat(2 * 1024 * 1024), count: 1 }));
    expect(response.status).toBe(413);
    expect((await json(response)).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown route with 404 in the API shape, under /api/v1 and elsewhere', async () => {
    for (const path of ['/api/v1/no/such/thing', '/nowhere']) {
      const response = await app.request(path);
      expect(response.status).toBe(404);
      expect(await json(response)).toEqual({ code: 'NOT_FOUND', message: 'No such endpoint; see /api/v1/docs', requestId: expect.any(String) });
    }
  });

  it("uses a service's own message for an expected failure", async () => {
    const response = await app.request('/api/v1/test/missing', { headers: { 'accept-language': 'ru' } });
    expect(response.status).toBe(404);
    expect((await json(response)).message).toBe('Такого виджета нет');
  });

  it('hides the details of an unexpected failure and never sends a stack', async () => {
    const response = await app.request('/api/v1/test/broken');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Internal server error; the request id identifies it in the logs',
      requestId: expect.any(String),
    });
    expect(text).not.toMatch(/10\.0\.0\.5|password|stack|\.ts:/);
  });

  it('asks for authentication before checking permissions', async () => {
    const response = await app.request('/api/v1/test/secret');
    expect(response.status).toBe(401);
    expect((await json(response)).code).toBe('UNAUTHORIZED');
  });

  it('echoes a caller-supplied request id and makes one up otherwise', async () => {
    const given = await app.request('/api/v1/test/missing', { headers: { 'x-request-id': 'trace-42' } });
    expect(given.headers.get('x-request-id')).toBe('trace-42');
    expect((await json(given)).requestId).toBe('trace-42');
    const made = await app.request('/api/v1/test/missing');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives tRPC callers the same message and issues without a stack', async () => {
    const input = encodeURIComponent(JSON.stringify({ json: {} }));
    const response = await app.request(`/trpc/broken?input=${input}`);
    const body = await json(response);
    expect(response.status).toBe(500);
    expect(body.error.json.message).toBe('Internal server error; the request id identifies it in the logs');
    expect(JSON.stringify(body)).not.toMatch(/stack|10\.0\.0\.5/);
  });

  it('records API requests in api_logs', async () => {
    await app.request('/api/v1/test/missing', { headers: { 'x-request-id': 'logged-1' } });
    await expect
      .poll(() => app.db().prisma.apiLog.findFirst({ where: { requestId: 'logged-1' } }))
      .toMatchObject({ method: 'GET', path: '/api/v1/test/missing', route: 'missing', status: 404 });
  });
});
