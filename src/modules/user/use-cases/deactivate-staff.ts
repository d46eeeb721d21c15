import type { EntityManager } from '../../../platform/db/index.ts';
import { OWNER_ROLE } from '../domain/principal.ts';
import { getStaff, type StaffWithRoles } from './get-staff.ts';
import { assertAnotherOwnerRemains } from './owner-guard.ts';
import { revokeAllSessions } from './sign-out.ts';

/**
 * Takes a member's access: they can no longer sign in, and every refresh token of theirs is
 * revoked at once (an access token already out runs out within ACCESS_TOKEN_TTL_SECONDS).
 * The last active owner cannot be deactivated. Idempotent.
 */
export function deactivateStaff(em: EntityManager, id: string): Promise<StaffWithRoles> {
  return em.transactional(async (tx) => {
    const current = await getStaff(tx, id);
    if (current.staff.status === 'active' && current.roles.some((r) => r.name === OWNER_ROLE))
      await assertAnotherOwnerRemains(tx, id);
    current.staff.status = 'deactivated';
    await tx.flush();
    await revokeAllSessions(tx, id);
    return current;
  });
}
