import type { Cache } from './cache.ts';

interface Entry {
  value: string;
  expires: number;
}

/** In-process cache for single-process runs; entries expire lazily and on a slow sweep. */
export class MemoryCache implements Cache {
  readonly kind = 'memory' as const;
  #map = new Map<string, Entry>();
  #sweep = setInterval(() => this.#purge(), 30_000).unref();

  #live(key: string): Entry | undefined {
    const e = this.#map.get(key);
    if (e && e.expires <= Date.now()) {
      this.#map.delete(key);
      return undefined;
    }
    return e;
  }

  #purge() {
    const now = Date.now();
    for (const [k, e] of this.#map) if (e.expires <= now) this.#map.delete(k);
  }

  async get(key: string) {
    return this.#live(key)?.value ?? null;
  }
  async set(key: string, value: string, ttlSeconds: number) {
    this.#map.set(key, { value, expires: Date.now() + ttlSeconds * 1000 });
  }
  async del(...keys: string[]) {
    for (const k of keys) this.#map.delete(k);
  }
  async incr(key: string, ttlSeconds: number) {
    const e = this.#live(key);
    const next = e ? Number(e.value) + 1 : 1;
    this.#map.set(key, { value: String(next), expires: e?.expires ?? Date.now() + ttlSeconds * 1000 });
    return next;
  }
  async hit(key: string, ttlSeconds: number) {
    const count = await this.incr(key, ttlSeconds);
    const expires = this.#map.get(key)?.expires ?? Date.now();
    return { count, resetSeconds: Math.max(1, Math.ceil((expires - Date.now()) / 1000)) };
  }
  async ping() {}
  async close() {
    clearInterval(this.#sweep);
    this.#map.clear();
  }
}
