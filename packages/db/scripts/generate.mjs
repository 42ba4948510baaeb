// Runs `prisma generate`. The Prisma CLI insists on downloading its schema engine even though
// generate does not use it; where that download is impossible (no route to binaries.prisma.sh),
// generate runs again with a stand-in engine, so machines with and without internet both work.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const offlineEngine = path.join(packageDir, 'scripts', 'schema-engine-offline.sh');

function generate(env) {
  return spawnSync('prisma', ['generate'], {
    cwd: packageDir,
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', ...env },
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
}

const downloadFailure = /binaries\.prisma\.sh|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|fetch failed|request to .* failed/i;

let result = generate({});
if (result.status !== 0 && downloadFailure.test(`${result.stderr}${result.stdout}`)) {
  console.log('prisma: schema engine download unavailable, generating with the offline stand-in');
  result = generate({
    PRISMA_SCHEMA_ENGINE_BINARY: offlineEngine,
    PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
  });
}
process.stdout.write(result.stdout ?? '');
process.stderr.write(result.stderr ?? '');
process.exit(result.status ?? 1);
