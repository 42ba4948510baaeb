import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '@crm/db/testing';
import { runServer } from './process';

/** A bad configuration ends with one clear line on stderr and exit code 1, never a stack trace. */
function expectOneClearLine(run: { code: number | null; stderr: string }, pattern: RegExp) {
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe('crm-server start refuses bad configuration clearly', () => {
  it('names a malformed DATABASE_URL without echoing it', async () => {
    const run = await runServer(['start'], { DATABASE_URL: 'mysql://root:hunter2@db/crm' });
    expectOneClearLine(run, /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(run.stderr).not.toContain('hunter2');
  });

  it('names a bad value', async () => {
    expectOneClearLine(await runServer(['start'], { PORT: 'eighty' }), /PORT: Invalid input: expected number/);
    expectOneClearLine(await runServer(['start'], { BUSINESS_TIMEZONE: 'Moscow' }), /BUSINESS_TIMEZONE: must be an IANA time zone/);
  });

  it('says when the database cannot be reached', async () => {
    const run = await runServer(['start'], { DATABASE_URL: 'postgresql://crm:secret@127.0.0.1:1/crm' });
    expectOneClearLine(run, /Cannot connect to the database at 127\.0\.0\.1:1\/crm: nothing is listening there\./);
    expect(run.stderr).not.toContain('secret');
  });

  it('says when the port is taken', async () => {
    const blocker = net.createServer().listen(0, '0.0.0.0');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as net.AddressInfo).port;
    const db = await createTestDatabase();
    try {
      const run = await runServer(['start'], { DATABASE_URL: db.url, PORT: String(port) });
      expectOneClearLine(run, new RegExp(`Port ${port} is already in use`));
    } finally {
      blocker.close();
      await db.drop();
    }
  });

  it('refuses development secrets in production', async () => {
    const run = await runServer(['start'], { NODE_ENV: 'production' });
    expectOneClearLine(run, /SECRET_KEY: must be set to a secret of your own in production/);
  });

  it('explains an unknown role', async () => {
    const run = await runServer(['start', '--role', 'cook'], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/expected api, worker or all/);
  });
});
