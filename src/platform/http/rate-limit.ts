import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { DomainError } from './errors.ts';

export interface AttemptLimit {
  /** Names the bucket, e.g. "login-email". */
  name: string;
  max: number;
  windowSeconds: number;
  /** The key within the bucket; undefined skips the check. */
  key: (req: FastifyRequest) => string | undefined;
}

/**
 * A fixed-window attempt counter on the platform cache (Redis or in-process). @fastify/rate-limit
 * counts per IP; it runs once per request, so limits keyed on something else (the email being
 * attacked) are counted here.
 */
export function attemptLimit(app: FastifyInstance, limit: AttemptLimit): preHandlerAsyncHookHandler {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const key = limit.key(req);
    if (key === undefined) return;
    const count = await app.platform.cache.incr(`limit:${limit.name}:${key}`, limit.windowSeconds);
    if (count > limit.max) {
      reply.header('retry-after', String(limit.windowSeconds));
      throw new DomainError(429, 'Too Many Requests', `Too many attempts; retry in ${limit.windowSeconds} s`);
    }
  };
}
