import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { User } from '../entities/user.entity.ts';

/** A customer as staff see it. */
export async function getCustomer(em: EntityManager, id: string): Promise<User> {
  const user = await em.findOne(User, { id });
  if (!user) throw new NotFound('Customer');
  return user;
}
