import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StaffPrincipal } from '../../../platform/auth/principal.ts';
import { readPrincipal } from '../../../platform/http/auth.ts';
import { Forbidden, Unauthorized } from '../../../platform/http/errors.ts';
import { passwordFlowLimited } from '../../../platform/http/rate-limit.ts';
import { emailInBody } from '../domain/email.ts';

/** The email of a request body, for limits per attacked address. */
export const emailOf = (req: FastifyRequest) => emailInBody(req.body);

/** The signed-in account of a request (after its onRequest check), for limits per account. */
export const accountOf = (req: FastifyRequest) => req.principal?.sub;

/**
 * The limits of a password flow (http/limits.ts, AUTH_RATE_LIMIT_*): per address, and with a key
 * (the email or the account under attack) per pair and per account too.
 */
export const credentialLimits = (
  app: FastifyInstance,
  route: string,
  key?: (req: FastifyRequest) => string | undefined,
) => passwordFlowLimited(app, route, key ?? (() => undefined));

/**
 * onRequest of the staff member's own routes (me, sign out everywhere, password change): any
 * signed-in staff member, whatever their permissions; an API key or a customer is refused.
 */
export async function requireStaff(req: FastifyRequest, _reply: FastifyReply) {
  const principal = await readPrincipal(req);
  if (!principal) throw new Unauthorized();
  if (principal.kind !== 'staff') throw new Forbidden('This route is for signed-in staff');
}

/** The staff member of a route behind requireStaff. */
export function currentStaff(req: FastifyRequest): StaffPrincipal {
  if (req.principal?.kind !== 'staff') throw new Unauthorized();
  return req.principal;
}
