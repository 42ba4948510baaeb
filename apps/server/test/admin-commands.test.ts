import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@crm/db/testing';
import { runServer } from './process';

/** `crm-server admin ...` on the server machine, as an operator creates the first production admin. */
describe('crm-server admin', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const env = () => ({ DATABASE_URL: db.url, NODE_ENV: 'test' });

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('creates an administrator from a password on stdin', async () => {
    const run = await runServer(['admin', 'create', '--email', 'Owner@Shop.ru', '--name', 'Анна Владелец', '--password-stdin'], env(), {
      stdin: 'Первый-пароль-владельца\n',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Created administrator owner@shop\.ru/);
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: 'owner@shop.ru' }, include: { roles: { include: { role: true } } } });
    expect(user.name).toBe('Анна Владелец');
    expect(user.roles.map((r) => r.role.name)).toEqual(['admin']);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain('Первый');
  });

  it('refuses a weak password and an existing email with one clear line', async () => {
    const weak = await runServer(['admin', 'create', '--email', 'x@shop.ru', '--password-stdin'], env(), { stdin: 'password123' });
    expect(weak.code).toBe(1);
    expect(weak.stderr.trim()).toBe('crm-server: The password is one of the most common passwords');
    const again = await runServer(['admin', 'create', '--email', 'owner@shop.ru', '--password-stdin'], env(), { stdin: 'Другой-пароль-1' });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists; use reset-password/);
  });

  it('resets a password and signs the user out everywhere', async () => {
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: 'owner@shop.ru' } });
    await db.prisma.session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) } });
    const run = await runServer(['admin', 'reset-password', '--email', 'owner@shop.ru', '--password-stdin'], env(), { stdin: 'Новый-пароль-2' });
    expect(run.code).toBe(0);
    expect(await db.prisma.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    const missing = await runServer(['admin', 'reset-password', '--email', 'nobody@shop.ru', '--password-stdin'], env(), { stdin: 'Новый-пароль-2' });
    expect(missing.stderr.trim()).toBe('crm-server: No user with the email nobody@shop.ru');
  });

  it('asks for --password-stdin when there is no terminal', async () => {
    const run = await runServer(['admin', 'create', '--email', 'y@shop.ru'], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--password-stdin/);
  });
});
