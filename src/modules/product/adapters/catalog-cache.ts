import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Cache } from '../../../platform/cache/cache.ts';
import { tagsOfChange, type CatalogChange } from '../domain/cache-tags.ts';

const TAG_TTL = 60 * 60 * 24 * 365;

/** What a read produced: the body, and the tags of what it depends on beyond its scope (its products). */
export interface Produced {
  body: unknown;
  tags: string[];
}

/**
 * Store catalog reads, cached whole (body + ETag) with the tags they depend on (domain/cache-tags.ts)
 * and each tag's version when stored. A change bumps only its tags after its transaction commits,
 * so an entry is dropped only when something it shows or depends on changed: a price change on
 * one product leaves every page without it (and not ordered, filtered or counted by price) cached.
 * Redis when set (its client pipelines the tag reads into one round trip), in-process otherwise.
 */
export class CatalogCache {
  #cache: Cache;
  #ttl: number;
  constructor(cache: Cache, ttlSeconds: number) {
    this.#cache = cache;
    this.#ttl = ttlSeconds;
  }

  /** False with CATALOG_CACHE_SECONDS=0: no entry is stored, so none depends on a listing's scope. */
  get enabled(): boolean {
    return this.#ttl > 0;
  }

  async invalidate(productIds: string[], change: CatalogChange): Promise<void> {
    const tags = [...productIds.map((id) => `product:${id}`), ...tagsOfChange(change)];
    await Promise.all(tags.map((t) => this.#cache.incr(`catalog:tag:${t}`, TAG_TTL)));
  }

  /**
   * Answers from the cache when no tag moved since the entry was stored, or produces, stores and
   * answers; honours If-None-Match with a 304. `scope` tags are read before producing, so a change
   * committed meanwhile is seen next time; the tags a read finds (its products) are read after it,
   * and a change landing in that gap is served until the entry's TTL (docs/adr/0094).
   */
  async serve(
    req: FastifyRequest,
    reply: FastifyReply,
    key: string,
    scope: string[],
    produce: () => Promise<Produced>,
  ) {
    if (this.#ttl === 0) return this.#send(req, reply, JSON.stringify((await produce()).body), 'off');
    const fullKey = `catalog:entry:${key}`;
    const entry = await this.#cache.get(fullKey);
    if (entry) {
      const [head, etag] = entry.split('\n', 2);
      const stored: [string, string][] = JSON.parse(head);
      const now = await this.#versions(stored.map(([t]) => t));
      if (stored.every(([, v], i) => now[i] === v)) {
        return this.#answer(req, reply, etag, entry.slice(head.length + etag.length + 2), 'hit');
      }
    }
    const scopeVersions = await this.#versions(scope);
    const produced = await produce();
    const found = [...new Set(produced.tags)];
    const foundVersions = await this.#versions(found);
    const tags = [...scope, ...found].map((t, i) => [
      t,
      i < scope.length ? scopeVersions[i] : foundVersions[i - scope.length],
    ]);
    const body = JSON.stringify(produced.body);
    const etag = etagOf(body);
    await this.#cache.set(fullKey, `${JSON.stringify(tags)}\n${etag}\n${body}`, this.#ttl);
    return this.#answer(req, reply, etag, body, 'miss');
  }

  #versions(tags: string[]): Promise<string[]> {
    return Promise.all(tags.map(async (t) => (await this.#cache.get(`catalog:tag:${t}`)) ?? '0'));
  }

  #send(req: FastifyRequest, reply: FastifyReply, body: string, state: string) {
    return this.#answer(req, reply, etagOf(body), body, state);
  }

  #answer(req: FastifyRequest, reply: FastifyReply, etag: string, body: string, state: string) {
    reply.header('x-cache', state).header('etag', etag).header('cache-control', 'public, max-age=0, must-revalidate');
    if (matches(req.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  }
}

const etagOf = (body: string) => `"${createHash('sha1').update(body).digest('base64url')}"`;

const matches = (header: string | undefined, etag: string) =>
  !!header && (header.trim() === '*' || header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag));
