import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import { StaffInvited } from '../contract.ts';
import { normaliseEmail } from '../domain/email.ts';
import { StaffRole } from '../entities/role.entity.ts';
import { StaffMember } from '../entities/staff-member.entity.ts';
import type { StaffWithRoles } from './get-staff.ts';
import { issueAccountToken } from './issue-account-token.ts';
import { rolesToGrant } from './resolve-roles.ts';

const taken = () => new Conflict('A staff member with this email exists already');

/**
 * Invites someone by email with some roles: an `invited` member without a password, and a
 * single-use link mailed through notification (user.staff_invited, in the same transaction).
 * Inviting an invited member again sends a new link (the old one stays valid until it expires).
 */
export async function inviteStaff(
  platform: Platform,
  em: EntityManager,
  actor: Actor,
  input: { email: string; roles: string[] },
): Promise<StaffWithRoles> {
  const email = normaliseEmail(input.email);
  const publish = publisherFor(platform, 'user');
  try {
    return await em.transactional(async (tx) => {
      const roles = await rolesToGrant(tx, actor, input.roles);
      let staff = await tx.findOne(StaffMember, { email });
      if (staff && staff.status !== 'invited') throw taken();
      if (!staff) staff = tx.create(StaffMember, { email, firstName: null, lastName: null, status: 'invited' });
      await tx.flush();
      await tx.nativeDelete(StaffRole, { staffId: staff.id });
      for (const role of roles) tx.create(StaffRole, { staffId: staff.id, roleId: role.id });
      const { token, expiresAt } = issueAccountToken(platform.config, tx, 'invite', { kind: 'staff', id: staff.id });
      await tx.flush();
      await publish(tx, StaffInvited, {
        staffId: staff.id,
        email,
        invitedBy: actor.kind === 'staff' ? actor.email : `API key ${actor.sub}`,
        roles: roles.map((r) => r.name),
        token,
        expiresAt: expiresAt.toISOString(),
      });
      await recordAudit(publish, tx, actor, {
        action: 'staff.invite',
        resourceType: 'staff',
        resourceId: staff.id,
        before: null,
        after: { email, status: staff.status, roles: roles.map((r) => r.name) },
      });
      return { staff, roles };
    });
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw taken();
    throw err;
  }
}
