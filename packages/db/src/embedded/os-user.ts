import { execFileSync } from 'node:child_process';
import os from 'node:os';

export type OsUser = { uid: number; gid: number };

/**
 * PostgreSQL refuses to run as root. When we are root (containers, CI machines), the cluster runs
 * as the `postgres` system user, created if the machine has none.
 */
export function postgresOsUser(): OsUser | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres'], {
      stdio: 'ignore',
    });
    return lookup();
  }
}
