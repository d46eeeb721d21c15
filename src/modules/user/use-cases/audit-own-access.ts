import { recordAudit } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';

/**
 * Audits a staff member's change to their own access (accepting an invite, a password reset or
 * change): the actor is the member, known by the link or the current password they proved.
 */
export function auditOwnAccess(
  platform: Platform,
  tx: EntityManager,
  staff: { id: string; email: string },
  action: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  const actor = { kind: 'staff' as const, sub: staff.id, email: staff.email, permissions: [] };
  return recordAudit(publisherFor(platform, 'user'), tx, actor, {
    action,
    resourceType: 'staff',
    resourceId: staff.id,
    before,
    after,
  });
}
