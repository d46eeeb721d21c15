import type { Cache } from './cache.ts';
import { MemoryCache } from './memory.ts';
import { RedisCache } from './redis.ts';

export type { Cache } from './cache.ts';

export function createCache(redisUrl: string | undefined, prefix?: string): Cache {
  return redisUrl ? RedisCache.connect(redisUrl, prefix) : new MemoryCache();
}
