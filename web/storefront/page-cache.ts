// Catalog pages (home, listings, search, product) rendered once and served for a few seconds to
// every shopper with the same currency: the store API's answers they are made of are the same for
// everyone, and what differs per shopper (header, cart, sign-in) is laid around them per request.
// A page older than its TTL is made again; concurrent requests for it wait on that one render.
// Why a time bound and not the API's tags: docs/adr/0100-storefront-page-cache.md.
import type { PageInput } from './layout.ts';

/** What a catalog page's route renders: everything but the shopper's own parts. */
export type CachedPage = Omit<PageInput, 'currency' | 'signedIn' | 'path' | 'cartCount'> & { status?: number };

interface Entry {
  page: Promise<CachedPage>;
  expires: number;
}

export interface PageCacheOptions {
  /** Seconds a rendered page is served; 0 renders every request. */
  ttlSeconds: number;
  /** Most pages kept; the least recently used go first (search terms make keys without bound). */
  maxEntries?: number;
  now?: () => number;
}

/** Keys longer than this are not kept: a search of 200 characters is not worth a slot. */
const MAX_KEY = 300;

export class PageCache {
  #entries = new Map<string, Entry>();
  #ttl: number;
  #max: number;
  #now: () => number;

  constructor(o: PageCacheOptions) {
    this.#ttl = o.ttlSeconds * 1000;
    this.#max = o.maxEntries ?? 2000;
    this.#now = o.now ?? Date.now;
  }

  /**
   * The page under `key`, rendered by `render` when absent or expired. Only 200s are kept: a
   * product about to be published must not stay "not found"; a failed render is not kept either.
   */
  async get(key: string, render: () => Promise<CachedPage>): Promise<{ page: CachedPage; hit: boolean }> {
    if (this.#ttl === 0 || key.length > MAX_KEY) return { page: await render(), hit: false };
    const now = this.#now();
    const found = this.#entries.get(key);
    if (found && found.expires > now) {
      // (re-inserted: a Map iterates in insertion order, so the first key is the least recently used)
      this.#entries.delete(key);
      this.#entries.set(key, found);
      return { page: await found.page, hit: true };
    }
    const entry: Entry = { page: render(), expires: now + this.#ttl };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    try {
      const page = await entry.page;
      if ((page.status ?? 200) !== 200) this.#forget(key, entry);
      return { page, hit: false };
    } catch (err) {
      this.#forget(key, entry);
      throw err;
    }
  }

  get size() {
    return this.#entries.size;
  }

  #forget(key: string, entry: Entry) {
    if (this.#entries.get(key) === entry) this.#entries.delete(key);
  }
}
