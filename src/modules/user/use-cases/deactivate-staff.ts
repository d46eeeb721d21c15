import type { EntityManager } from '../../../platform/db/index.ts';
import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import { OWNER_ROLE } from '../domain/principal.ts';
import { getStaff, type StaffWithRoles } from './get-staff.ts';
import { assertAnotherOwnerRemains } from './owner-guard.ts';
import { revokeAllSessions } from './sign-out.ts';

/**
 * Takes a member's access: they can no longer sign in, and every refresh token of theirs is
 * revoked at once (an access token already out runs out within ACCESS_TOKEN_TTL_SECONDS).
 * The last active owner cannot be deactivated. Idempotent.
 */
export function deactivateStaff(
  platform: Platform,
  em: EntityManager,
  actor: Actor,
  id: string,
): Promise<StaffWithRoles> {
  return em.transactional(async (tx) => {
    const current = await getStaff(tx, id);
    if (current.staff.status === 'active' && current.roles.some((r) => r.name === OWNER_ROLE))
      await assertAnotherOwnerRemains(tx, id);
    const before = current.staff.status;
    current.staff.status = 'deactivated';
    await tx.flush();
    await revokeAllSessions(tx, id);
    if (before !== 'deactivated')
      await recordAudit(publisherFor(platform, 'user'), tx, actor, {
        action: 'staff.deactivate',
        resourceType: 'staff',
        resourceId: id,
        before: { status: before },
        after: { status: 'deactivated' },
      });
    return current;
  });
}
