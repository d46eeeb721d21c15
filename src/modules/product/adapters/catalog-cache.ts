import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Cache } from '../../../platform/cache/cache.ts';

const GENERATION = 'catalog:gen';

/**
 * Store catalog reads, cached whole (body + ETag) under a catalog generation. Any change to the
 * catalog, a price or a stock level bumps the generation after its transaction commits, so every
 * older entry is simply never read again (and expires). Redis when set, in-process otherwise.
 */
export class CatalogCache {
  #cache: Cache;
  #ttl: number;
  constructor(cache: Cache, ttlSeconds: number) {
    this.#cache = cache;
    this.#ttl = ttlSeconds;
  }

  async invalidate(): Promise<void> {
    await this.#cache.incr(GENERATION, 60 * 60 * 24 * 365);
  }

  /** Answers from the cache, or produces, stores and answers; honours If-None-Match with a 304. */
  async serve(req: FastifyRequest, reply: FastifyReply, key: string, produce: () => Promise<unknown>) {
    if (this.#ttl === 0) return this.#send(req, reply, JSON.stringify(await produce()), 'off');
    const generation = (await this.#cache.get(GENERATION)) ?? '0';
    const fullKey = `catalog:${generation}:${key}`;
    let entry = await this.#cache.get(fullKey);
    if (entry) {
      const split = entry.indexOf('\n');
      return this.#answer(req, reply, entry.slice(0, split), entry.slice(split + 1), 'hit');
    }
    const body = JSON.stringify(await produce());
    const etag = etagOf(body);
    await this.#cache.set(fullKey, `${etag}\n${body}`, this.#ttl);
    return this.#answer(req, reply, etag, body, 'miss');
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
