import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Permission } from '../auth/permissions.ts';
import type { ApiKeyPrincipal, CustomerPrincipal, Principal, StaffPrincipal } from '../auth/principal.ts';
import { AuthUnavailable } from '../auth/api-key-client.ts';
import { DomainError, Forbidden, Unauthorized } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller, once a route or hook has read the bearer credential. */
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** What a staff member or API key must hold to call this route; every /admin route declares one. */
    permission?: Permission;
    /** An /admin route anyone may call (staff sign-in): the only way to have none. */
    public?: boolean;
  }
}

/** Reads and verifies the bearer credential (access token or API key) when one is sent; an invalid one is a 401. */
export async function readPrincipal(req: FastifyRequest): Promise<Principal | undefined> {
  if (req.principal) return req.principal;
  const header = req.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) throw new Unauthorized('Authorization must be "Bearer <token>"');
  try {
    req.principal = await req.server.platform.tokens.verify(token);
    return req.principal;
  } catch (err) {
    if (err instanceof AuthUnavailable)
      throw new DomainError(503, 'Service Unavailable', 'API keys cannot be checked now');
    throw new Unauthorized('Invalid or expired access token or API key');
  }
}

/** The shopper behind a store route: a customer, or undefined (a guest; staff and keys shop as guests). */
export async function readUser(req: FastifyRequest): Promise<CustomerPrincipal | undefined> {
  const principal = await readPrincipal(req);
  return principal?.kind === 'customer' ? principal : undefined;
}

/** preHandler for store routes that need a signed-in customer. */
export async function requireCustomer(req: FastifyRequest, _reply: FastifyReply) {
  const principal = await readPrincipal(req);
  if (!principal) throw new Unauthorized();
  if (principal.kind !== 'customer') throw new Forbidden('This route is for customers');
}

/** The signed-in customer of a route behind requireCustomer. */
export function currentUser(req: FastifyRequest): CustomerPrincipal {
  if (req.principal?.kind !== 'customer') throw new Unauthorized();
  return req.principal;
}

/** The staff member or API key calling an admin route (checked by the permission hook). */
export function currentActor(req: FastifyRequest): StaffPrincipal | ApiKeyPrincipal {
  const principal = req.principal;
  if (!principal || principal.kind === 'customer') throw new Unauthorized();
  return principal;
}

/**
 * onRequest (before the body is read or anything validated): a route's declared permission must
 * be held, so a stranger learns nothing of the input a route wants. No credential is a 401; a
 * customer, or staff or a key without the permission, a 403.
 */
export async function checkPermission(req: FastifyRequest) {
  const permission = req.routeOptions.config?.permission;
  if (!permission) return;
  const principal = await readPrincipal(req);
  if (!principal) throw new Unauthorized();
  if (principal.kind === 'customer' || !principal.permissions.includes(permission))
    throw new Forbidden(`This route needs the ${permission} permission`);
}

/**
 * onRoute: an /admin route without a declared permission stops the boot; a declared one is listed
 * in the OpenAPI document (`x-permission`, the description, the bearer security requirement).
 */
export function declarePermission(route: RouteOptions) {
  const url = route.url;
  const config = route.config ?? {};
  if (!url.startsWith('/admin') || config.public) return;
  const { permission } = config;
  if (!permission) throw new Error(`${String(route.method)} ${url} declares no permission (config.permission)`);
  const schema = route.schema ?? {};
  const line = `Requires the \`${permission}\` permission.`;
  const description = 'description' in schema && typeof schema.description === 'string' ? schema.description : '';
  route.schema = Object.assign(schema, {
    security: bearer,
    'x-permission': permission,
    // (a GET's HEAD route comes here again with the same schema object: say it once)
    description: description.includes(line) ? description : description ? `${description}\n\n${line}` : line,
  });
}

/** For OpenAPI: routes behind a token declare this security requirement. */
export const bearer = [{ bearerAuth: [] }];
