import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json } from '../src/testing/harness';
import { exited, startServerProcess } from './process';

function postgresProcessesOn(dataDir: string): number {
  const out = execFileSync('ps', ['-eo', 'command'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes('postgres') && line.includes(dataDir)).length;
}

/** The first command of the README, as a newcomer runs it: no DATABASE_URL, data under CRM_DATA_DIR. */
describe('crm-server on the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-embedded-'));
  fs.chmodSync(dataDir, 0o755);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts, is ready, survives a kill -9, restarts on the same data and leaves nothing behind on Ctrl-C', async () => {
    const first = await startServerProcess({ CRM_DATA_DIR: dataDir });
    const ready = await fetch(`${first.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    const info = await json(await fetch(`${first.baseUrl}/api/v1/system/info`));
    expect(info.database.kind).toBe('embedded');

    // A killed server leaves its PostgreSQL running as an orphan; the next start must recover it.
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(postgresProcessesOn(dataDir)).toBe(1);

    const started = Date.now();
    const second = await startServerProcess({ CRM_DATA_DIR: dataDir });
    expect((await fetch(`${second.baseUrl}/readyz`)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(second.output()).not.toMatch(/initialising the embedded PostgreSQL cluster/);

    second.child.kill('SIGINT');
    expect(await exited(second.child)).toBe(0);
    expect(second.output()).toMatch(/"msg":"stopped"/);
    expect(postgresProcessesOn(dataDir)).toBe(0);
  }, 180_000);
});
