import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { User } from '../entities/user.entity.ts';

/** The signed-in customer's own account. */
export const getProfile = (em: EntityManager, userId: string): Promise<User> =>
  em.findOneOrFail(User, { id: userId }, { failHandler: () => new NotFound('Customer') });
