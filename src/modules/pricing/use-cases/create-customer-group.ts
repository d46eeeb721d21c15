import type { EntityManager } from '../../../platform/db/index.ts';
import { flushGroup, groupView, type GroupView } from '../entities/customer-group.data.ts';
import { CustomerGroup } from '../entities/customer-group.entity.ts';

export async function createCustomerGroup(
  em: EntityManager,
  input: { name: string; description?: string | null },
): Promise<GroupView> {
  const g = em.create(CustomerGroup, { name: input.name.trim(), description: input.description ?? null });
  await flushGroup(em, g.name);
  return groupView(em, g);
}
