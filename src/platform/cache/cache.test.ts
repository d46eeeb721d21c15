import { afterAll, describe, expect, it } from 'vitest';
import type { Cache } from './cache.ts';
import { MemoryCache } from './memory.ts';
import { RedisCache } from './redis.ts';

const backends: [string, () => Cache][] = [['memory', () => new MemoryCache()]];
if (process.env.REDIS_URL)
  backends.push(['redis', () => RedisCache.connect(process.env.REDIS_URL!, `cachetest${Date.now()}:`)]);

describe.each(backends)('%s cache', (_name, make) => {
  const cache = make();
  afterAll(() => cache.close());
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('stores, reads and deletes values', async () => {
    await cache.set('a', 'one', 60);
    expect(await cache.get('a')).toBe('one');
    await cache.del('a');
    expect(await cache.get('a')).toBeNull();
  });

  it('expires values after their ttl', async () => {
    await cache.set('short', 'x', 1);
    expect(await cache.get('short')).toBe('x');
    await sleep(1100);
    expect(await cache.get('short')).toBeNull();
  });

  it('counts in a window that later hits do not extend', async () => {
    expect(await cache.incr('n', 1)).toBe(1);
    expect(await cache.incr('n', 1)).toBe(2);
    await sleep(600);
    expect(await cache.incr('n', 1)).toBe(3);
    await sleep(600);
    expect(await cache.incr('n', 1)).toBe(1); // the window opened by the first hit has closed
  });

  it('tells how long a counting window has left', async () => {
    expect(await cache.hit('w', 30)).toEqual({ count: 1, resetSeconds: 30 });
    await sleep(1100);
    const second = await cache.hit('w', 30);
    expect(second.count).toBe(2);
    expect(second.resetSeconds).toBeGreaterThanOrEqual(28);
    expect(second.resetSeconds).toBeLessThanOrEqual(29);
  });

  it('counts concurrent increments exactly', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => cache.incr('burst', 60)));
    expect(results.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });
});
