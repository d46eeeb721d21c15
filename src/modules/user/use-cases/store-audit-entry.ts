import type { AuditEntry as Recorded } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { AuditEntry } from '../entities/audit-entry.entity.ts';

export async function storeAuditEntry(em: EntityManager, e: Recorded): Promise<void> {
  await em.insert(AuditEntry, { ...e, at: new Date(e.at) });
}
