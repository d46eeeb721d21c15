import type { EntityManager } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { Unauthorized } from '../../../platform/http/errors.ts';
import { customerPrincipal, type AccountPrincipal } from '../domain/principal.ts';
import { parseRefreshToken, secretMatches } from '../domain/refresh-token.ts';
import type { AccountKind } from '../entities/account-token.entity.ts';
import { RefreshToken } from '../entities/refresh-token.entity.ts';
import { StaffMember } from '../entities/staff-member.entity.ts';
import { User } from '../entities/user.entity.ts';
import { issueTokens, type IssuedTokens } from './issue-tokens.ts';
import { principalOfStaff } from './load-staff-roles.ts';
import { revokeTokenFamily } from './sign-out.ts';

const invalid = () => new Unauthorized('Invalid refresh token');

/**
 * Trades a refresh token for the next one of its family. Marking it used is one conditional
 * UPDATE, so two concurrent refreshes with one token cannot both win. A token that was already
 * used means it was copied: the whole family is revoked. A staff token is refreshed with the
 * member's current roles, and not at all once the member is deactivated.
 */
export async function refreshSession(
  platform: Platform,
  em: EntityManager,
  token: string,
  kind: AccountKind,
): Promise<{ account: User | StaffMember; issued: IssuedTokens }> {
  const parsed = parseRefreshToken(token);
  if (!parsed) throw invalid();
  const { id, secret } = parsed;
  const row = await em.findOne(RefreshToken, { id, accountKind: kind });
  if (!row || !secretMatches(row.tokenHash, secret)) throw invalid();
  if (row.revokedAt || row.expiresAt < new Date()) throw new Unauthorized('Refresh token expired or revoked');
  const claimed = await em.nativeUpdate(RefreshToken, { id, usedAt: null, revokedAt: null }, { usedAt: new Date() });
  if (claimed === 0) {
    await revokeTokenFamily(em, row.familyId);
    throw new Unauthorized('Refresh token reuse detected; all sessions of this login were revoked');
  }
  let account: User | StaffMember | null;
  let principal: AccountPrincipal;
  if (kind === 'staff') {
    const staff = await em.findOne(StaffMember, { id: row.userId, status: 'active' });
    if (!staff) throw invalid();
    [account, principal] = [staff, await principalOfStaff(em, staff)];
  } else {
    account = await em.findOne(User, { id: row.userId });
    if (!account) throw invalid();
    principal = customerPrincipal(account);
  }
  return { account, issued: await issueTokens(platform, em, principal, row.familyId) };
}
