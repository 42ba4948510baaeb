import { describe, expect, it } from 'vitest';
import { call, get, tinyEmulator } from './helpers';

describe('authentication', () => {
  const emulator = tinyEmulator();
  const [userToken, solutionToken] = emulator.credentials.tokens;

  it('accepts Basic login@account:password', async () => {
    const response = await call(emulator, '/entity/product?limit=1');
    expect(response.status).toBe(200);
    expect(emulator.credentials.users[0]!.login).toMatch(/^admin@[a-z0-9-]+$/);
  });

  it.each([
    [
      'a wrong password',
      `Basic ${Buffer.from(`${emulator.credentials.users[0]!.login}:wrong`).toString('base64')}`,
    ],
    ['an unknown user', `Basic ${Buffer.from('nobody@nowhere:x').toString('base64')}`],
    ['an unknown token', 'Bearer 0000000000000000000000000000000000000000'],
    ['no credentials', null],
    ['an unsupported scheme', 'Digest abc'],
  ])('answers 401 with error 1056 and the X-Lognex-Auth headers for %s', async (_label, auth) => {
    const response = await call(emulator, '/entity/product', { auth });
    expect(response.status).toBe(401);
    expect(response.body.errors[0].code).toBe(1056);
    expect(response.body.errors[0].error).toMatch(/^Ошибка аутентификации/);
    expect(response.headers.get('x-lognex-auth')).toBeTruthy();
    expect(response.headers.get('x-lognex-auth-message')).toBeTruthy();
  });

  it('accepts user and solution bearer tokens', async () => {
    expect(
      (await call(emulator, '/entity/store', { auth: `Bearer ${userToken!.token}` })).status,
    ).toBe(200);
    expect(
      (await call(emulator, '/entity/store', { auth: `Bearer ${solutionToken!.token}` })).status,
    ).toBe(200);
  });

  it('tells who is calling: /context/employee for users, 1085 for a solution token', async () => {
    const me = await get(emulator, '/context/employee/');
    expect(me.uid).toBe(emulator.credentials.users[0]!.login);
    expect(me.permissions.admin).toEqual({ view: 'ALL' });
    expect(me.permissions.viewProductCostAndProfit).toEqual({ view: 'ALL' });
    const solution = await call(emulator, '/context/employee', {
      auth: `Bearer ${solutionToken!.token}`,
    });
    expect(solution.status).toBe(403);
    expect(solution.body.errors[0].code).toBe(1085);
    const app = await call(emulator, '/context/application', {
      auth: `Bearer ${solutionToken!.token}`,
    });
    expect(app.body.appUid).toBe((solutionToken as { appUid: string }).appUid);
  });

  it('a new token from /security/token revokes the earlier ones', async () => {
    const own = tinyEmulator();
    const before = own.credentials.tokens.find((t) => t.kind === 'user')!.token;
    const issued = await call(own, '/security/token', { method: 'POST' });
    expect(issued.status).toBe(200);
    expect(issued.body.access_token).toMatch(/^[0-9a-f]{40}$/);
    expect(
      (await call(own, '/entity/uom', { auth: `Bearer ${issued.body.access_token}` })).status,
    ).toBe(200);
    expect((await call(own, '/entity/uom', { auth: `Bearer ${before}` })).status).toBe(401);
  });

  it('hides cost prices from a user without viewProductCostAndProfit', async () => {
    const limited = tinyEmulator({
      credentials: {
        users: [{ login: 'clerk@demo', password: 'p', admin: false, viewCost: false }],
      },
    });
    const product = (await get(limited, '/entity/product?limit=1')).rows[0];
    expect(product.buyPrice).toBeUndefined();
    const row = (await get(limited, '/report/stock/all?limit=1')).rows[0];
    expect(row.price).toBeUndefined();
    const current = await call(limited, '/report/stock/all/current');
    expect(current.status).toBe(403);
    expect(current.body.errors[0].code).toBe(13004);
  });
});

describe('compression', () => {
  const emulator = tinyEmulator();

  it.each([undefined, 'deflate', 'br', 'identity', 'gzip;q=0'])(
    'answers 415 with an empty body when Accept-Encoding is %s',
    async (encoding) => {
      const headers: Record<string, string> =
        encoding === undefined ? {} : { 'Accept-Encoding': encoding };
      const response = await emulator.app.request('/api/remap/1.2/entity/product', {
        headers: {
          Authorization: `Basic ${Buffer.from(`${emulator.credentials.users[0]!.login}:moysklad`).toString('base64')}`,
          ...headers,
        },
      });
      expect(response.status).toBe(415);
      expect(await response.text()).toBe('');
    },
  );

  it('gzips responses and says so', async () => {
    const response = await call(emulator, '/entity/product?limit=1', {
      headers: { 'Accept-Encoding': 'gzip, deflate, br' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('content-type')).toBe('application/json;charset=utf-8');
  });

  it('pretty-prints on Lognex-Pretty-Print-JSON', async () => {
    const response = await call(emulator, '/entity/uom', {
      headers: { 'Lognex-Pretty-Print-JSON': 'true' },
    });
    expect(response.raw).toContain('\n  "context"');
  });
});
