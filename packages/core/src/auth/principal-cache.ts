import type { EventBus } from '../platform/events';
import type { Principal } from './principal';

/** A resolved credential; API keys keep their secret's digest so a cached key is still verified. */
export type CachedCredential = { principal: Principal; secretHash?: string };

type Entry = CachedCredential & { userId: string | null; validUntil: number };

/**
 * Principals resolved from sessions and API keys, kept briefly so that not every request reads
 * the database. Revocations and permission changes arrive as cluster events and evict entries on
 * every instance at once, so a revoked session is refused immediately everywhere.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  private readonly unsubscribe: () => void;

  constructor(
    events: EventBus,
    private readonly ttlMs = 30_000,
  ) {
    this.unsubscribe = events.subscribe((event) => {
      switch (event.type) {
        case 'session-revoked':
          for (const id of event.sessionIds) this.entries.delete(`session:${id}`);
          break;
        case 'api-key-revoked':
          this.entries.delete(`api_key:${event.apiKeyId}`);
          break;
        case 'user-changed':
          for (const [key, entry] of this.entries) if (entry.userId === event.userId) this.entries.delete(key);
          break;
        case 'roles-changed':
          this.entries.clear();
          break;
      }
    });
  }

  get(key: string): CachedCredential | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.validUntil <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** `notAfter` bounds the entry by the credential's own expiry. */
  set(key: string, credential: CachedCredential, userId: string | null, notAfter?: Date) {
    const validUntil = Math.min(Date.now() + this.ttlMs, notAfter?.getTime() ?? Infinity);
    this.entries.set(key, { ...credential, userId, validUntil });
  }

  close() {
    this.unsubscribe();
    this.entries.clear();
  }
}
