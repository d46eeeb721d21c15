import type { EntityManager } from '../../../platform/db/index.ts';
import type { User } from '../entities/user.entity.ts';
import { getProfile } from './get-profile.ts';

export interface ProfilePatch {
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
}

export async function updateProfile(em: EntityManager, userId: string, patch: ProfilePatch): Promise<User> {
  const user = await getProfile(em, userId);
  em.assign(user, patch);
  await em.flush();
  return user;
}
