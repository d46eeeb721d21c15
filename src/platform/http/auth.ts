import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessClaims, Role } from '../auth/tokens.ts';
import { Forbidden, Unauthorized } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user?: AccessClaims;
  }
}

/** Reads and verifies the bearer token when one is sent; an invalid token is a 401, never ignored. */
export async function readUser(req: FastifyRequest): Promise<AccessClaims | undefined> {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) throw new Unauthorized('Authorization must be "Bearer <token>"');
  try {
    req.user = await req.server.platform.tokens.verify(token);
    return req.user;
  } catch {
    throw new Unauthorized('Invalid or expired access token');
  }
}

/** preHandler for routes that need a signed-in user of the given role. */
export function requireRole(role: Role) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const user = await readUser(req);
    if (!user) throw new Unauthorized();
    if (user.role !== role) throw new Forbidden(`This route needs the ${role} role`);
  };
}

export const requireCustomer = requireRole('customer');
export const requireAdmin = requireRole('admin');

/** The signed-in user of a route behind requireRole. */
export function currentUser(req: FastifyRequest): AccessClaims {
  if (!req.user) throw new Unauthorized();
  return req.user;
}

/** For OpenAPI: routes behind a token declare this security requirement. */
export const bearer = [{ bearerAuth: [] }];
