import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';

/** Events every instance must hear, e.g. "this session was revoked: drop it from your cache". */
export type ClusterEvent =
  | { type: 'session-revoked'; sessionIds: string[] }
  | { type: 'user-changed'; userId: string }
  | { type: 'roles-changed' }
  | { type: 'api-key-revoked'; apiKeyId: string }
  | { type: 'sync-cancel-requested'; syncJobId: string }
  | { type: 'demo-ended' };

export type EventBus = {
  publish(event: ClusterEvent): Promise<void>;
  subscribe(listener: (event: ClusterEvent) => void): () => void;
  close(): Promise<void>;
};

const CHANNEL = 'crm:events';

/**
 * Delivers events to this instance at once and, with Redis, to every other instance through
 * pub/sub. Without Redis there is only one instance, so local delivery is all there is.
 */
export function createEventBus(redis: Redis | undefined, onError: (error: Error) => void): EventBus {
  const local = new EventEmitter();
  const origin = crypto.randomUUID();
  let subscriber: Redis | undefined;

  if (redis) {
    subscriber = redis.duplicate();
    subscriber.on('error', onError);
    subscriber.subscribe(CHANNEL).catch(onError);
    subscriber.on('message', (_channel: string, message: string) => {
      try {
        const { from, event } = JSON.parse(message) as { from: string; event: ClusterEvent };
        if (from !== origin) local.emit('event', event);
      } catch (error) {
        onError(error as Error);
      }
    });
  }

  return {
    async publish(event) {
      local.emit('event', event);
      if (redis) await redis.publish(CHANNEL, JSON.stringify({ from: origin, event }));
    },
    subscribe(listener) {
      local.on('event', listener);
      return () => local.off('event', listener);
    },
    async close() {
      local.removeAllListeners();
      await subscriber?.quit().catch(() => {});
    },
  };
}
