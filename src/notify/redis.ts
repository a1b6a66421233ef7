import { Redis } from 'ioredis';

/**
 * A Redis connection of our own (pacing, readiness). It fails fast instead of queueing commands while Redis is
 * away (`enableOfflineQueue: false`), and keeps reconnecting in the background.
 */
export function createControlConnection(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // Connection errors are reported by whoever uses it; an unhandled 'error' event would crash the process.
  redis.on('error', () => undefined);
  return redis;
}

/** True when Redis answers PING within a second. */
export async function pingRedis(redis: Redis): Promise<boolean> {
  try {
    const answer = await Promise.race([
      redis.ping(),
      new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 1000).unref()),
    ]);
    return answer === 'PONG';
  } catch {
    return false;
  }
}
