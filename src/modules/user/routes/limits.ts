import type { FastifyInstance, FastifyRequest } from 'fastify';
import { attemptLimit } from '../../../platform/http/rate-limit.ts';
import { emailInBody } from '../domain/email.ts';

/** The email of a request body, for limits per attacked address. */
export const emailOf = (req: FastifyRequest) => emailInBody(req.body);

/** The signed-in account of a request (after the auth hook), for limits per account. */
export const accountOf = (req: FastifyRequest) => req.user?.sub;

/**
 * The limits of the credential routes (AUTH_RATE_LIMIT_MAX per AUTH_RATE_LIMIT_WINDOW_SECONDS):
 * per IP, looser by `ipFactor` since shoppers share NATs, slows spraying; per key (the email or the
 * account under attack) slows one account's guessing from many addresses.
 */
export function credentialLimits(
  app: FastifyInstance,
  route: string,
  key?: (req: FastifyRequest) => string | undefined,
  ipFactor = 5,
) {
  const { AUTH_RATE_LIMIT_MAX: max, AUTH_RATE_LIMIT_WINDOW_SECONDS: window } = app.platform.config;
  const perIp = app.rateLimit({
    max: max * ipFactor,
    timeWindow: window * 1000,
    keyGenerator: (req) => `${route}:${req.ip}`,
  });
  return key ? [perIp, attemptLimit(app, { name: `${route}-key`, max, windowSeconds: window, key })] : [perIp];
}
