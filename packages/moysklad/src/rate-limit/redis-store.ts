import { createHash, randomUUID } from 'node:crypto';
import type { AcquireResult, BudgetLimits, BudgetStore } from './store';

/** The part of an ioredis client (`Redis` or `Cluster`) this store uses. */
export interface RedisScripting {
  evalsha(sha1: string, numkeys: number, ...args: (string | number)[]): Promise<unknown>;
  eval(script: string, numkeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/*
 * Every script reads the clock with Redis' TIME, so processes on machines with skewed clocks
 * still agree on one timeline. A charge is a member `<ticket>:<weight>` of a sorted set scored
 * by its expiry; a parallel slot is a member `<ticket>` of another, scored by its lease end.
 * The admission rule is the one in `store.ts` (`admission`).
 */
const PRELUDE = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function weight_of(member)
  return tonumber(string.match(member, ':([%d%.]+)$'))
end
local function used_weight(entries)
  local used = 0
  for i = 1, #entries, 2 do used = used + weight_of(entries[i]) end
  return used
end
`;

// KEYS: charges, slots, pause. ARGV: ticket, weight, units, maxInFlight, leaseMs, ttlMs.
const ACQUIRE = `${PRELUDE}
local now = now_ms()
local paused_until = tonumber(redis.call('GET', KEYS[3]) or '0')
if paused_until > now then return {0, paused_until - now} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local weight = tonumber(ARGV[2])
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then
  local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return {0, math.max(1, math.ceil(tonumber(first[2]) - now))}
end
local entries = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
local excess = used_weight(entries) + weight - tonumber(ARGV[3])
if excess > 0 then
  local freed = 0
  for i = 1, #entries, 2 do
    freed = freed + weight_of(entries[i])
    if freed >= excess then return {0, math.max(1, math.ceil(tonumber(entries[i + 1]) - now))} end
  end
  return {0, tonumber(ARGV[5])}
end
local lease_end = now + tonumber(ARGV[5])
redis.call('ZADD', KEYS[1], lease_end, ARGV[1] .. ':' .. ARGV[2])
redis.call('ZADD', KEYS[2], lease_end, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
return {1, 0}
`;

// KEYS: charges, slots. ARGV: ticket, weight, windowMs + marginMs, ttlMs.
const RELEASE = `${PRELUDE}
local now = now_ms()
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[3]), ARGV[1] .. ':' .. ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

// KEYS: charges. ARGV: consumed, expiresInMs, unique id, ttlMs. See `unseenConsumption`.
const RECONCILE = `${PRELUDE}
local now = now_ms()
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local consumed = tonumber(ARGV[1])
local until_ms = now + tonumber(ARGV[2])
local entries = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
if consumed <= used_weight(entries) then return 0 end
local lasting = 0
for i = 1, #entries, 2 do
  if tonumber(entries[i + 1]) >= until_ms then lasting = lasting + weight_of(entries[i]) end
end
local unseen = math.ceil(consumed - lasting)
if unseen > 0 then
  redis.call('ZADD', KEYS[1], until_ms, 'server-' .. ARGV[3] .. ':' .. unseen)
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
end
return unseen
`;

// KEYS: pause. ARGV: ms.
const PAUSE = `${PRELUDE}
local now = now_ms()
local ms = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + ms > current then redis.call('SET', KEYS[1], now + ms, 'PX', ms) end
return 1
`;

class Script {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: RedisScripting, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      // First use on this server (or after SCRIPT FLUSH): EVAL also caches it.
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

const acquireScript = new Script(ACQUIRE);
const releaseScript = new Script(RELEASE);
const reconcileScript = new Script(RECONCILE);
const pauseScript = new Script(PAUSE);

/**
 * The budget shared through Redis by every process using the same identity key. Each operation
 * is one atomic Lua script. Keys share a hash tag, so this also works on Redis Cluster.
 */
export class RedisBudgetStore implements BudgetStore {
  constructor(
    private readonly redis: RedisScripting,
    private readonly prefix = 'moysklad:budget',
  ) {}

  async tryAcquire(
    key: string,
    ticket: string,
    weight: number,
    limits: BudgetLimits,
  ): Promise<AcquireResult> {
    const reply = await acquireScript.run(
      this.redis,
      [this.key(key, 'charges'), this.key(key, 'slots'), this.key(key, 'pause')],
      [ticket, weight, limits.units, limits.maxInFlight, limits.leaseMs, ttl(limits)],
    );
    const [granted, retryInMs] = reply as [number, number];
    return granted === 1 ? { granted: true } : { granted: false, retryInMs: Number(retryInMs) };
  }

  async release(key: string, ticket: string, weight: number, limits: BudgetLimits): Promise<void> {
    await releaseScript.run(
      this.redis,
      [this.key(key, 'charges'), this.key(key, 'slots')],
      [ticket, weight, limits.windowMs + limits.marginMs, ttl(limits)],
    );
  }

  async reconcile(
    key: string,
    consumed: number,
    expiresInMs: number,
    limits: BudgetLimits,
  ): Promise<void> {
    if (expiresInMs <= 0) return;
    await reconcileScript.run(
      this.redis,
      [this.key(key, 'charges')],
      [consumed, Math.ceil(expiresInMs), randomUUID(), ttl(limits)],
    );
  }

  async pause(key: string, ms: number): Promise<void> {
    if (ms <= 0) return;
    await pauseScript.run(this.redis, [this.key(key, 'pause')], [Math.ceil(ms)]);
  }

  private key(identity: string, part: string): string {
    return `${this.prefix}:{${identity}}:${part}`;
  }
}

/** Long enough for any charge or lease to expire on its own; Redis then drops idle keys. */
function ttl(limits: BudgetLimits): number {
  return Math.ceil(limits.leaseMs + limits.windowMs + limits.marginMs);
}
