import type { FastifyReply, FastifyRequest } from 'fastify';
import { isPermission, type Permission } from '../../../platform/auth/permissions.ts';
import type { StaffPrincipal } from '../../../platform/auth/principal.ts';
import { requireAdmin } from '../../../platform/http/auth.ts';
import { Forbidden, Unauthorized } from '../../../platform/http/errors.ts';

/**
 * onRequest check for the staff routes: a staff token holding `permission`, before the body or
 * params are even parsed (a caller without it learns nothing about valid input).
 */
export function requirePermission(permission: Permission) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    await requireAdmin(req, reply);
    if (!req.user?.permissions?.includes(permission))
      throw new Forbidden(`This route needs the ${permission} permission`);
  };
}

/** The signed-in staff member of a route behind requirePermission or requireAdmin. */
export function currentStaff(req: FastifyRequest): StaffPrincipal {
  const user = req.user;
  if (!user || user.role !== 'admin') throw new Unauthorized();
  return {
    kind: 'staff',
    sub: user.sub,
    email: user.email,
    permissions: (user.permissions ?? []).filter(isPermission),
  };
}
