import type { EntityManager } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { auditOwnAccess } from './audit-own-access.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { BadRequest } from '../../../platform/http/errors.ts';
import { hashParams } from '../domain/account-settings.ts';
import { StaffMember } from '../entities/staff-member.entity.ts';
import { assertStrongPassword } from './change-password.ts';
import { redeemAccountToken } from './redeem-account-token.ts';

/** The invitee sets their name and password with the mailed token (once); they are then active. */
export async function acceptInvite(
  platform: Platform,
  em: EntityManager,
  input: { token: string; password: string; firstName: string; lastName?: string },
): Promise<StaffMember> {
  return em.transactional(async (tx) => {
    const { accountId } = await redeemAccountToken(tx, input.token, 'invite');
    const staff = await tx.findOne(StaffMember, { id: accountId, status: 'invited' });
    if (!staff) throw new BadRequest('This invite is no longer valid');
    assertStrongPassword(input.password, staff.email);
    staff.passwordHash = await hashPassword(input.password, hashParams(platform.config));
    staff.firstName = input.firstName;
    staff.lastName = input.lastName ?? null;
    staff.status = 'active';
    await tx.flush();
    await auditOwnAccess(platform, tx, staff, 'staff.acceptInvite', { status: 'invited' }, { status: 'active' });
    return staff;
  });
}
