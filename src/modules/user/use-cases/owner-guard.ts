import { query, type EntityManager } from '../../../platform/db/index.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import { OWNER_ROLE } from '../domain/principal.ts';

/** Active staff members holding the owner role. */
export async function countActiveOwners(em: EntityManager, excluding?: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    em,
    `select count(*)::int as n from "user".staff_roles sr
       join "user".roles r on r.id = sr.role_id
       join "user".staff_members s on s.id = sr.staff_id
      where r.name = $1 and s.status = 'active' and ($2::uuid is null or s.id <> $2::uuid)`,
    [OWNER_ROLE, excluding ?? null],
  );
  return row.n;
}

/**
 * Before a change that takes the owner role or access from `staffId`: another active owner must
 * remain. Changes of access serialise on one advisory lock, so two owners demoting each other at
 * once cannot both pass.
 */
export async function assertAnotherOwnerRemains(em: EntityManager, staffId: string): Promise<void> {
  await query(em, `select pg_advisory_xact_lock(hashtextextended('user.owners', 0))::text`);
  if ((await countActiveOwners(em, staffId)) === 0)
    throw new Conflict('The last owner cannot be removed, demoted or deactivated');
}
