import type { Actor } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { Conflict, Forbidden, NotFound } from '../../../platform/http/errors.ts';
import { missingPermissions } from '../domain/principal.ts';
import { Role } from '../entities/role.entity.ts';

export interface RoleFields {
  name: string;
  description?: string | null;
  permissions: string[];
}

/** What the audit log keeps of a role, before and after a change. */
export const roleAudit = (r: Role) => ({ name: r.name, description: r.description, permissions: [...r.permissions] });

export const roleNameTaken = () => new Conflict('A role with this name exists already');

/** Staff may put into a role only permissions they hold themselves. */
export function assertGrantable(actor: Actor, permissions: string[]) {
  const missing = missingPermissions(actor.permissions, permissions);
  if (missing.length) throw new Forbidden(`You cannot grant permissions you do not hold: ${missing.join(', ')}`);
}

/** A custom role's row; built-in roles are fixed (403), unknown ones a 404. */
export async function customRole(em: EntityManager, id: string): Promise<Role> {
  const role = await em.findOne(Role, { id });
  if (!role) throw new NotFound('Role');
  if (role.builtIn) throw new Forbidden('Built-in roles cannot be changed or deleted; create a custom role instead');
  return role;
}
