import type { EntityManager } from '../../../platform/db/index.ts';
import type { Actor } from '../../../platform/auth/audit.ts';
import { BadRequest, Forbidden } from '../../../platform/http/errors.ts';
import { missingPermissions, unionOfPermissions } from '../domain/principal.ts';
import { Role } from '../entities/role.entity.ts';

/**
 * The roles named, for a grant by `actor`: every name must exist, and the actor must hold every
 * permission the roles give (so nobody grants more than they have, e.g. owner to themselves).
 */
export async function rolesToGrant(em: EntityManager, actor: Actor, names: string[]): Promise<Role[]> {
  const unique = [...new Set(names)];
  const roles = unique.length ? await em.find(Role, { name: { $in: unique } }, { orderBy: { name: 'asc' } }) : [];
  const unknown = unique.filter((n) => !roles.some((r) => r.name === n));
  if (unknown.length)
    throw new BadRequest(`Unknown role: ${unknown.join(', ')}`, {
      errors: [{ field: 'roles', message: `names no role: ${unknown.join(', ')}` }],
    });
  const missing = missingPermissions(actor.permissions, unionOfPermissions(roles));
  if (missing.length) throw new Forbidden(`You cannot grant permissions you do not hold: ${missing.join(', ')}`);
  return roles;
}
