import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { FaultConfigInput } from './http/faults';
import { createEmulator } from './emulator';
import { DATASET_SIZES } from './dataset/sizes';
import { parseMsk } from './time/moscow';

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
}

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('must be an integer');
  return n;
}

/** `--user login:password` */
function user(value: string, previous: { login: string; password: string }[] = []) {
  const colon = value.indexOf(':');
  if (colon <= 0) throw new InvalidArgumentError('expected login:password');
  return [...previous, { login: value.slice(0, colon), password: value.slice(colon + 1) }];
}

/** `--token kind:token[:login-or-appUid]` */
function token(value: string, previous: unknown[] = []) {
  const [kind, secret, owner] = value.split(':');
  if ((kind !== 'user' && kind !== 'solution') || !secret)
    throw new InvalidArgumentError('expected user:<token>:<login> or solution:<token>[:<appUid>]');
  if (kind === 'user') {
    if (!owner) throw new InvalidArgumentError('a user token needs the login it belongs to');
    return [...previous, { kind, token: secret, login: owner }];
  }
  return [...previous, { kind, token: secret, ...(owner ? { appUid: owner } : {}) }];
}

const program = new Command()
  .name('crm-moysklad-emulator')
  .description(
    'A local MoySklad JSON API 1.2 over a generated Russian demo account: reads, audit, webhooks, live changes and faults.',
  )
  .addOption(new Option('-p, --port <port>', 'port to listen on').default(8090).argParser(integer))
  .option('--host <host>', 'interface to listen on', '127.0.0.1')
  .addOption(
    new Option('-d, --dataset <size>', 'dataset size').choices(DATASET_SIZES).default('demo'),
  )
  .addOption(new Option('-s, --seed <seed>', 'dataset seed').default(1).argParser(integer))
  .option('--until <moment>', 'end of the generated history, "YYYY-MM-DD HH:mm" Moscow time')
  .option('--base-url <url>', 'public base URL for meta hrefs (default: the listening address)')
  .option(
    '--user <login:password>',
    'a Basic-auth user (repeatable; replaces the default admin)',
    user,
  )
  .option(
    '--token <kind:token[:owner]>',
    'a bearer token: user:<token>:<login> or solution:<token>[:<appUid>] (repeatable)',
    token,
  )
  .addOption(
    new Option('--time-scale <n>', 'run limits and delays N times faster')
      .default(1)
      .argParser(positiveNumber),
  )
  .addOption(
    new Option('--latency <ms>', 'delay added to every request').default(0).argParser(Number),
  )
  .addOption(
    new Option('--capacity <units>', 'rate-limit units per interval')
      .default(45)
      .argParser(positiveNumber),
  )
  .addOption(
    new Option('--interval <ms>', 'rate-limit interval').default(3000).argParser(positiveNumber),
  )
  .addOption(
    new Option(
      '--user-weight <units>',
      'weight of a user-authenticated request (default: by date)',
    ).argParser(positiveNumber),
  )
  .addOption(
    new Option('--parallel <n>', 'parallel requests per user or solution')
      .default(5)
      .argParser(integer),
  )
  .addOption(
    new Option(
      '--ban-after <n>',
      'switch API access off after more than n 429s a minute (0: never)',
    )
      .default(200)
      .argParser(integer),
  )
  .option('--no-limits', 'switch the rate and parallel limits off')
  .addOption(
    new Option('--tariff <tariff>', 'tariff (webhooks need a paid one)')
      .choices(['paid', 'free'])
      .default('paid'),
  )
  .option(
    '--clock <moment>',
    'a manual clock starting at "YYYY-MM-DD HH:mm" Moscow time (moved with POST /__control/clock)',
  )
  .addOption(
    new Option(
      '--activity <perMinute>',
      'run the business activity stream at this many steps a (scaled) minute',
    ).argParser(positiveNumber),
  )
  .addOption(new Option('--activity-seed <seed>', 'seed of the activity stream').argParser(integer))
  .option(
    '--webhook-host <host>',
    'a host webhook notifications may go to, besides this machine (repeatable)',
    (value: string, previous: string[] = []) => [...previous, value],
  )
  .option('--faults <file>', 'fault injection: a JSON file { seed, rules, webhooks }');

program.parse();
const o = program.opts();

const until = o.until === undefined ? undefined : parseMsk(o.until);
if (until === null) program.error('--until: expected "YYYY-MM-DD HH:mm"');

let faults: unknown;
if (o.faults) {
  try {
    faults = JSON.parse(readFileSync(o.faults, 'utf8'));
  } catch (error) {
    program.error(`--faults: ${error instanceof Error ? error.message : String(error)}`);
  }
}
if (o.clock !== undefined && parseMsk(o.clock) === null)
  program.error('--clock: expected "YYYY-MM-DD HH:mm"');

const started = performance.now();
const emulator = createEmulator({
  dataset: o.dataset,
  seed: o.seed,
  until: until ?? undefined,
  baseUrl: o.baseUrl,
  credentials: { users: o.user, tokens: o.token },
  timeScale: o.timeScale,
  latencyMs: o.latency,
  tariff: o.tariff,
  clock: o.clock === undefined ? 'system' : { start: o.clock },
  activity: { perMinute: o.activity, seed: o.activitySeed },
  webhooks: o.webhookHost
    ? { allowHosts: ['127.0.0.1', 'localhost', '::1', ...(o.webhookHost as string[])] }
    : undefined,
  limits: {
    enabled: o.limits,
    capacity: o.capacity,
    intervalMs: o.interval,
    userWeight: o.userWeight,
    parallelPerIdentity: o.parallel,
    banAfterRateLimitedPerMinute: o.banAfter,
  },
});
if (faults !== undefined) emulator.faults.configure(faults as FaultConfigInput);
const generated = Math.round(performance.now() - started);
const server = await emulator.listen(o.port, o.host);
console.log(
  `MoySklad emulator: ${server.url}/api/remap/1.2 (dataset ${o.dataset}, seed ${o.seed}, generated in ${generated} ms)`,
);
for (const u of emulator.credentials.users) console.log(`  Basic  ${u.login}:${u.password}`);
for (const t of emulator.credentials.tokens)
  console.log(
    `  Bearer ${t.token} (${t.kind === 'user' ? `user ${t.login}` : `solution ${t.appUid}`})`,
  );
console.log(`  Control: ${server.url}/__control/stats`);
if (o.activity) console.log(`  Activity: ${o.activity} steps a minute (time scale ${o.timeScale})`);
if (faults !== undefined) console.log(`  Faults: ${o.faults}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
