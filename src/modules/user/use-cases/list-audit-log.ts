import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { AuditEntry } from '../entities/audit-entry.entity.ts';

export interface AuditQuery {
  actorId?: string;
  resourceType?: string;
  resourceId?: string;
  action?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

export const auditView = (e: AuditEntry) => ({
  id: e.id,
  actorKind: e.actorKind,
  actorId: e.actorId,
  onBehalfOf: e.onBehalfOf ?? null,
  action: e.action,
  resourceType: e.resourceType,
  resourceId: e.resourceId,
  before: e.before,
  after: e.after,
  at: e.at.toISOString(),
});

/** Newest first in keyset pages (entry ids are UUIDv7, so they sort by time), filtered by actor, resource, time. */
export async function listAuditLog(em: EntityManager, q: AuditQuery) {
  const where: FilterQuery<AuditEntry> = {};
  if (q.actorId) where.actorId = q.actorId;
  if (q.resourceType) where.resourceType = q.resourceType;
  if (q.resourceId) where.resourceId = q.resourceId;
  if (q.action) where.action = q.action;
  if (q.from || q.to)
    where.at = { ...(q.from ? { $gte: new Date(q.from) } : {}), ...(q.to ? { $lt: new Date(q.to) } : {}) };
  if (q.cursor) where.id = { $lt: q.cursor };
  const rows = await em.find(AuditEntry, where, { orderBy: { id: 'desc' }, limit: q.limit + 1 });
  const items = rows.slice(0, q.limit);
  return { items: items.map(auditView), nextCursor: rows.length > q.limit ? items[items.length - 1].id : null };
}
