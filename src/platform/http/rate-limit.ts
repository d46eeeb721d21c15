import { createHash } from 'node:crypto';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onResponseAsyncHookHandler,
  preHandlerAsyncHookHandler,
} from 'fastify';
import { readUser } from './auth.ts';
import { DomainError } from './errors.ts';
import { budgetsFor, type Budget, type Budgets, type LimitScope } from './limits.ts';

export interface AttemptLimit {
  /** Names the bucket, e.g. "login-email". */
  name: string;
  max: number;
  windowSeconds: number;
  /** The key within the bucket; undefined skips the check. */
  key: (req: FastifyRequest) => string | undefined;
}

/** A fixed-window attempt counter on the platform cache (Redis or in-process), keyed by anything. */
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

export interface LimitOptions {
  /** The account a request acts for; by default the signed-in user (none for a guest). */
  account?: (req: FastifyRequest) => string | undefined | Promise<string | undefined>;
  /** Counts only the requests this accepts (e.g. a listing only when it searches). */
  when?: (req: FastifyRequest) => boolean;
}

// (account names and emails stay out of the cache's keys)
const digest = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 22);
const signedIn = async (req: FastifyRequest) => (await readUser(req))?.sub;
/** Addresses an account signed in from: the `account` backstop never blocks them. */
const KNOWN_ADDRESS_DAYS = 30;
const successes = new WeakMap<FastifyRequest, () => Promise<void>>();

/**
 * A route's request limit, one line per route: `preHandler: rateLimited(app, 'checkout')`.
 * Counts per client address (`req.ip`, proxies per TRUST_PROXY), per account and per pair as the
 * route's budgets say (http/limits.ts), in Redis when configured, in-process otherwise; answers
 * RateLimit-Limit/Remaining/Reset (IETF draft) on every answer and 429 + Retry-After past a budget.
 */
export function rateLimited(app: FastifyInstance, name: string, opts: LimitOptions = {}): preHandlerAsyncHookHandler {
  return limiter(app, name, budgetsFor(app.platform.config, name, 'request'), opts);
}

/** The same for a password flow (login, register, reset, change): `account` is the email in the body. */
export function passwordFlowLimited(
  app: FastifyInstance,
  name: string,
  account: (req: FastifyRequest) => string | undefined,
): preHandlerAsyncHookHandler {
  return limiter(app, name, budgetsFor(app.platform.config, name, 'password-flow'), { account }, true);
}

/** Remembers the addresses an account signed in from (registered once on the root by the app). */
export const rememberSignIns: onResponseAsyncHookHandler = async (req, reply) => {
  const remember = successes.get(req);
  if (remember && reply.statusCode < 300) await remember();
};

function limiter(app: FastifyInstance, name: string, budgets: Budgets, opts: LimitOptions, spareKnown = false) {
  const { cache } = app.platform;
  const entries = Object.entries(budgets).filter((e): e is [LimitScope, Budget] => e[1] !== undefined);
  const accountOf = opts.account ?? signedIn;
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!entries.length || (opts.when && !opts.when(req))) return;
    const rawAccount = entries.some(([s]) => s !== 'ip') ? await accountOf(req) : undefined;
    const account = rawAccount === undefined ? undefined : digest(rawAccount.toLowerCase());
    // (password flows only: an address the account signed in from is spared the account backstop)
    const knownKey = spareKnown && budgets.account && account ? `rl-known:${name}:${account}:${req.ip}` : undefined;
    const known = knownKey ? (await cache.get(knownKey)) !== null : false;
    if (knownKey) successes.set(req, () => cache.set(knownKey, '1', KNOWN_ADDRESS_DAYS * 86_400));
    const keys: Record<LimitScope, string | undefined> = {
      ip: req.ip,
      account: known ? undefined : account,
      pair: account && `${account}:${req.ip}`,
    };
    const counted = await Promise.all(
      entries
        .filter(([scope]) => keys[scope] !== undefined)
        .map(async ([scope, budget]) => ({
          budget,
          ...(await cache.hit(`rl:${name}:${scope}:${keys[scope]}`, budget.seconds)),
        })),
    );
    if (!counted.length) return;
    // The headers describe the budget closest to running out; a 429 waits for the longest one exceeded.
    const tightest = counted.reduce((a, b) => (b.budget.max - b.count < a.budget.max - a.count ? b : a));
    reply.header('ratelimit-limit', String(tightest.budget.max));
    reply.header('ratelimit-remaining', String(Math.max(0, tightest.budget.max - tightest.count)));
    reply.header('ratelimit-reset', String(tightest.resetSeconds));
    const exceeded = counted.filter((c) => c.count > c.budget.max);
    if (exceeded.length) {
      const retry = Math.max(...exceeded.map((c) => c.resetSeconds));
      reply.header('retry-after', String(retry));
      throw new DomainError(429, 'Too Many Requests', `Too many requests; retry in ${retry} s`);
    }
  };
}
