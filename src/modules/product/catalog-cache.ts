import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Cache } from '../../platform/cache/cache.ts';

const TTL_SECONDS = 300;
const GENERATION = 'catalog:gen';

/**
 * Store catalog reads, cached whole (body + ETag) under a catalog generation. Any change to the
 * catalog, a price or a stock level bumps the generation after its transaction commits, so every
 * older entry is simply never read again (and expires). Redis when set, in-process otherwise.
 */
export class CatalogCache {
  #cache: Cache;
  constructor(cache: Cache) { this.#cache = cache; }

  async invalidate(): Promise<void> {
    await this.#cache.incr(GENERATION, 60 * 60 * 24 * 365);
  }

  /** Answers from the cache, or produces, stores and answers; honours If-None-Match with a 304. */
  async serve(req: FastifyRequest, reply: FastifyReply, key: string, produce: () => Promise<unknown>) {
    const generation = (await this.#cache.get(GENERATION)) ?? '0';
    const fullKey = `catalog:${generation}:${key}`;
    let entry = await this.#cache.get(fullKey);
    reply.header('x-cache', entry ? 'hit' : 'miss');
    if (!entry) {
      const body = JSON.stringify(await produce());
      entry = `"${createHash('sha1').update(body).digest('base64url')}"\n${body}`;
      await this.#cache.set(fullKey, entry, TTL_SECONDS);
    }
    const split = entry.indexOf('\n');
    const etag = entry.slice(0, split);
    reply.header('etag', etag).header('cache-control', 'public, max-age=0, must-revalidate');
    if (matches(req.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(entry.slice(split + 1));
  }
}

const matches = (header: string | undefined, etag: string) =>
  !!header && (header.trim() === '*' || header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag));
