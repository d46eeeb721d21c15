import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { User } from '../entities/user.entity.ts';

/** A customer as staff see it; staff accounts are not customers (404). */
export async function getCustomer(em: EntityManager, id: string): Promise<User> {
  const user = await em.findOne(User, { id, role: 'customer' });
  if (!user) throw new NotFound('Customer');
  return user;
}
