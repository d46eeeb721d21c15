import type { EntityManager } from '../../../platform/db/index.ts';
import { Role } from '../entities/role.entity.ts';

/** Every role, built-in first, then by name (a shop has a handful). */
export const listRoles = (em: EntityManager): Promise<Role[]> =>
  em.find(Role, {}, { orderBy: { builtIn: 'desc', name: 'asc' }, limit: 500 });
