import fs from 'node:fs';
import { useTestApp } from '@crm/server/testing';
import stringWidth from 'string-width';
import { afterAll, describe, expect, it } from 'vitest';
import { cliHome } from './support/run';

const ADMIN = { email: 'admin@example.com', password: 'admin123' };
const ONE_LINE = /^crm: [^\n]+\n$/;

// Each test runs the binary several times, a second or more each (tsx compiles the sources), and
// several times that on a loaded machine.
describe('the crm command line against a server', { timeout: 120_000 }, () => {
  const app = useTestApp();
  const home = cliHome(() => app.baseUrl());
  const { crm, json } = home;
  afterAll(home.remove);

  const refreshStatus = async (refreshToken: string) =>
    (
      await app.request('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      })
    ).status;

  const signIn = (email: string, password: string, profile = 'default') =>
    crm(['login', '--email', email, '--password-stdin', '--profile', profile], {
      input: `${password}\n`,
    });

  it('refuses commands before signing in, in one line', async () => {
    const run = await crm(['users', 'list']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(ONE_LINE);
    expect(run.stderr).toContain('not signed in');
  });

  it('signs in with the password from stdin and keeps the tokens for the owner only', async () => {
    const run = await signIn(ADMIN.email, ADMIN.password);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      `Signed in to ${app.baseUrl()} as ${ADMIN.email} (admin); profile "default".\n`,
    );

    const file = home.profileFile();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(fs.realpathSync(`${file}/..`)).mode & 0o777).toBe(0o700);
    const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(profile).toMatchObject({
      url: app.baseUrl(),
      email: ADMIN.email,
      tokens: { tokenType: 'Bearer' },
    });
  });

  it('ends the session it replaces when signing in again', async () => {
    const before = JSON.parse(fs.readFileSync(home.profileFile(), 'utf8')).tokens;
    expect((await signIn(ADMIN.email, ADMIN.password)).code).toBe(0);
    expect(await refreshStatus(before.refreshToken)).toBe(401);
  });

  it('says who is signed in', async () => {
    const run = await crm(['whoami']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Signed in as:\s+admin@example.com \(Administrator\)/);
    expect(run.stdout).toMatch(/Permissions:\s+\*/);
    expect(await json(['whoami'])).toMatchObject({
      type: 'user',
      user: { email: ADMIN.email },
      url: app.baseUrl(),
    });
  });

  it('refreshes an expiring session and rewrites the profile for the owner only', async () => {
    const file = home.profileFile();
    const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
    const stale = {
      ...profile,
      tokens: { ...profile.tokens, accessTokenExpiresAt: new Date(Date.now() - 1000) },
    };
    fs.writeFileSync(file, JSON.stringify(stale));

    expect((await crm(['whoami'])).code).toBe(0);
    const renewed = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(renewed.tokens.refreshToken).not.toBe(profile.tokens.refreshToken);
    expect(new Date(renewed.tokens.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('adds, lists, shows, disables, enables and re-roles users, in Russian too', async () => {
    const added = await crm(
      [
        'users',
        'add',
        '--email',
        'Ivan@Example.com',
        '--name',
        'Иван Петров',
        '--role',
        'viewer',
        '--password-stdin',
      ],
      {
        input: 'correct horse battery\n',
      },
    );
    expect(added).toMatchObject({
      code: 0,
      stdout: 'Added ivan@example.com (Иван Петров) with roles: viewer.\n',
    });

    const table = await crm(['users', 'list']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines.some((l) => l.includes('Иван Петров') && l.includes('viewer'))).toBe(true);
    // Every row of the table is as wide on screen as the border, Cyrillic or not.
    const tableLines = lines.slice(0, -1);
    expect(new Set(tableLines.map((l) => stringWidth(l))).size).toBe(1);
    expect(lines.at(-1)).toBe('2 of 2 users');

    const page = await json(['users', 'list', '--search', 'ivan']);
    expect(page).toMatchObject({
      total: 1,
      nextCursor: null,
      items: [{ email: 'ivan@example.com', name: 'Иван Петров' }],
    });
    const id = page.items[0].id;

    const shown = await crm(['users', 'show', 'ivan@example.com']);
    expect(shown.stdout).toMatch(/Name:\s+Иван Петров/);
    expect(shown.stdout).toContain(id);
    expect(await json(['users', 'show', id])).toMatchObject({ email: 'ivan@example.com' });

    expect((await crm(['users', 'disable', 'ivan@example.com'])).stdout).toBe(
      'Disabled ivan@example.com; their sessions were signed out.\n',
    );
    expect(await json(['users', 'list', '--status', 'disabled'])).toMatchObject({
      items: [{ email: 'ivan@example.com' }],
    });
    expect((await crm(['users', 'enable', 'ivan@example.com'])).stdout).toBe(
      'Enabled ivan@example.com.\n',
    );
    expect(
      (await crm(['users', 'set-roles', 'ivan@example.com', 'analyst', 'viewer'])).stdout,
    ).toBe('Roles of ivan@example.com: analyst, viewer.\n');
    expect(
      (await json(['users', 'show', 'ivan@example.com'])).roles.map(
        (r: { name: string }) => r.name,
      ),
    ).toEqual(['analyst', 'viewer']);
  });

  it('reports what the server refused, with the fields and the request id, in one line', async () => {
    const run = await crm(
      ['users', 'add', '--email', 'not-an-email', '--name', 'X', '--password-stdin'],
      { input: 'short' },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(ONE_LINE);
    expect(run.stderr).toMatch(
      /^crm: Input validation failed: email .+; password .+ \[BAD_REQUEST, request [\w-]+\]\n$/,
    );

    const missing = await crm(['users', 'show', crypto.randomUUID()], {
      env: { LANG: 'ru_RU.UTF-8' },
    });
    expect(missing.stderr).toMatch(
      /^crm: Такого пользователя нет \[NOT_FOUND, request [\w-]+\]\n$/,
    );
  });

  it('lists and creates roles', async () => {
    const table = await crm(['roles', 'list']);
    expect(table.stdout).toMatch(/admin \(built-in\)/);
    expect(table.stdout).toContain('products:read');

    const created = await crm([
      'roles',
      'create',
      'auditor',
      '--permission',
      'audit:read,users:read',
      '--description',
      'Проверяет журнал',
    ]);
    expect(created).toMatchObject({
      code: 0,
      stdout: 'Created role auditor with audit:read, users:read.\n',
    });
    const { items } = await json(['roles', 'list']);
    expect(items.find((r: { name: string }) => r.name === 'auditor')).toMatchObject({
      description: 'Проверяет журнал',
      system: false,
    });
    expect((await crm(['roles', 'create', '--help'])).stdout).toContain('api_keys:manage');
  });

  it('creates an API key that works, lists it and revokes it', async () => {
    const created = await crm(['api-keys', 'create', '--role', 'analyst', '--name', 'BI export']);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^crm_[0-9a-f]{32}_\S+$/);
    expect(created.stderr).toContain('not shown again');

    expect(await json(['whoami'], { env: { CRM_API_KEY: key } })).toMatchObject({
      type: 'api_key',
      apiKey: { name: 'BI export' },
    });
    const listed = await crm(['api-keys', 'list']);
    expect(listed.stdout).toMatch(/BI export.+analyst.+active/);

    expect((await crm(['api-keys', 'revoke', 'BI export'])).stdout).toMatch(
      /^Revoked API key "BI export" \(crm_/,
    );
    const { items } = await json(['api-keys', 'list']);
    expect(items[0]).toMatchObject({ name: 'BI export', revokedAt: expect.any(String) });
    const refused = await crm(['whoami'], { env: { CRM_API_KEY: key } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^crm: The API key is invalid, revoked or expired \[UNAUTHORIZED, request [\w-]+\]\n$/,
    );
  });

  it('shows those actions in the audit log', async () => {
    const page = await json(['audit', '--limit', '100']);
    const actions = page.items.map((e: { action: string }) => e.action);
    for (const action of [
      'auth.login',
      'users.create',
      'users.update',
      'roles.create',
      'api_keys.create',
      'api_keys.revoke',
    ]) {
      expect(actions).toContain(action);
    }
    const users = await json(['audit', '--action', 'users.']);
    expect(users.items.every((e: { action: string }) => e.action.startsWith('users.'))).toBe(true);
    const table = await crm(['audit', '--action', 'roles.create']);
    expect(table.stdout).toMatch(/admin@example.com.+roles\.create.+role/);
  });

  it('tells a viewer, in one line, that they may not manage users', async () => {
    await crm(
      [
        'users',
        'add',
        '--email',
        'olga@example.com',
        '--name',
        'Ольга',
        '--role',
        'viewer',
        '--password-stdin',
      ],
      {
        input: 'another long phrase',
      },
    );
    expect((await signIn('olga@example.com', 'another long phrase', 'viewer')).code).toBe(0);
    expect(fs.statSync(home.profileFile('viewer')).mode & 0o777).toBe(0o600);

    const run = await crm(['users', 'list', '--profile', 'viewer']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^crm: You do not have permission to do this \[FORBIDDEN, request [\w-]+\]\n$/,
    );
    // The other profile is untouched.
    expect((await json(['whoami'])).user.email).toBe(ADMIN.email);
  });

  it('signs out, ending the session on the server', async () => {
    const { tokens } = JSON.parse(fs.readFileSync(home.profileFile(), 'utf8'));
    const run = await crm(['logout']);
    expect(run).toMatchObject({
      code: 0,
      stdout: `Signed out of ${app.baseUrl()}; profile "default".\n`,
    });
    expect(JSON.parse(fs.readFileSync(home.profileFile(), 'utf8')).tokens).toBeNull();
    expect(await refreshStatus(tokens.refreshToken)).toBe(401);

    const after = await crm(['whoami']);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('not signed in');
  });
});
