import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import type { Cache } from './cache.ts';

export class RedisCache implements Cache {
  readonly kind = 'redis' as const;
  readonly client: Redis;
  private readonly prefix: string;
  constructor(client: Redis, prefix = 'tessera:') {
    this.client = client;
    this.prefix = prefix;
  }

  static connect(url: string, prefix?: string): RedisCache {
    // (loaded only when REDIS_URL is set: the client costs ~0.1 s of CPU to import)
    const { Redis: Client }: typeof import('ioredis') = createRequire(import.meta.url)('ioredis');
    return new RedisCache(new Client(url, { maxRetriesPerRequest: 2, enableAutoPipelining: true }), prefix);
  }

  async get(key: string) {
    return this.client.get(this.prefix + key);
  }
  async set(key: string, value: string, ttlSeconds: number) {
    await this.client.set(this.prefix + key, value, 'EX', ttlSeconds);
  }
  async del(...keys: string[]) {
    if (keys.length) await this.client.del(...keys.map((k) => this.prefix + k));
  }
  async incr(key: string, ttlSeconds: number) {
    const k = this.prefix + key;
    // NX: the window starts at the first hit and is not extended by later ones.
    const [[, n]] = (await this.client.multi().incr(k).expire(k, ttlSeconds, 'NX').exec()) as [[null, number]];
    return n;
  }
  async hit(key: string, ttlSeconds: number) {
    const k = this.prefix + key;
    const replies = await this.client.multi().incr(k).expire(k, ttlSeconds, 'NX').pttl(k).exec();
    const count = Number(replies?.[0]?.[1]);
    const ttlMs = Number(replies?.[2]?.[1]);
    return { count, resetSeconds: Math.max(1, Math.ceil((ttlMs > 0 ? ttlMs : ttlSeconds * 1000) / 1000)) };
  }
  async ping() {
    await this.client.ping();
  }
  async close() {
    await this.client.quit();
  }
}
