import { describe, expect, it } from 'vitest';
import { get, tinyEmulator } from './helpers';

describe('serving over HTTP', () => {
  it('listens on 127.0.0.1 on a free port and builds hrefs from its address', async () => {
    const emulator = tinyEmulator();
    const server = await emulator.listen(0);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const user = emulator.credentials.users[0]!;
      const response = await fetch(`${server.url}/api/remap/1.2/entity/store`, {
        headers: {
          Authorization: `Basic ${Buffer.from(`${user.login}:${user.password}`).toString('base64')}`,
          'Accept-Encoding': 'gzip',
        },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBe('gzip');
      const body = (await response.json()) as {
        meta: { href: string };
        rows: { meta: { href: string } }[];
      };
      expect(body.meta.href).toBe(`${server.url}/api/remap/1.2/entity/store`);
      expect(body.rows[0]!.meta.href.startsWith(`${server.url}/api/remap/1.2/entity/store/`)).toBe(
        true,
      );
      const stats = (await (await fetch(`${server.url}/__control/stats`)).json()) as {
        requests: number;
      };
      expect(stats.requests).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('uses the configured public base URL', async () => {
    const emulator = tinyEmulator({ baseUrl: 'https://api.moysklad.ru' });
    const page = await get(emulator, '/entity/product?limit=1&expand=uom');
    expect(page.meta.href).toBe(
      'https://api.moysklad.ru/api/remap/1.2/entity/product?limit=1&expand=uom',
    );
    expect(
      page.rows[0].uom.meta.href.startsWith('https://api.moysklad.ru/api/remap/1.2/entity/uom/'),
    ).toBe(true);
    expect(page.rows[0].meta.uuidHref).toMatch(
      /^https:\/\/online\.moysklad\.ru\/app\/#good\/edit\?id=/,
    );
  });
});
