import type { EntityManager } from '../../../platform/db/index.ts';
import { findGroup, groupView, type GroupView } from '../entities/customer-group.data.ts';

export async function getCustomerGroup(em: EntityManager, id: string): Promise<GroupView> {
  return groupView(em, await findGroup(em, id));
}
