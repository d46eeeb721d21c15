/** Key-value cache and counters: Redis when REDIS_URL is set, in-process otherwise. */
export interface Cache {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  del(...keys: string[]): Promise<void>;
  /** Increments a counter that expires ttlSeconds after its first increment. */
  incr(key: string, ttlSeconds: number): Promise<number>;
  /** incr, also telling how many seconds are left of the counter's window (for RateLimit-Reset). */
  hit(key: string, ttlSeconds: number): Promise<{ count: number; resetSeconds: number }>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
