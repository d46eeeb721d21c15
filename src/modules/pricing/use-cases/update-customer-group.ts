import type { EntityManager } from '../../../platform/db/index.ts';
import { findGroup, flushGroup, groupView, type GroupView } from '../entities/customer-group.data.ts';

export async function updateCustomerGroup(
  em: EntityManager,
  id: string,
  patch: { name?: string; description?: string | null },
): Promise<GroupView> {
  const g = await findGroup(em, id);
  if (patch.name !== undefined) g.name = patch.name.trim();
  if (patch.description !== undefined) g.description = patch.description;
  await flushGroup(em, g.name);
  return groupView(em, g);
}
