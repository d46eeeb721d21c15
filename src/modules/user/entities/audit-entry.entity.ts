import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One audited staff or API-key action (from audit.recorded.v1), kept for staff with audit:read. */
export const AuditEntry = defineEntity({
  name: 'AuditEntry',
  schema: 'user',
  tableName: 'audit_log',
  indexes: [
    { name: 'audit_log_actor_idx', properties: ['actorId', 'id'] },
    { name: 'audit_log_resource_idx', properties: ['resourceType', 'resourceId', 'id'] },
  ],
  properties: {
    id: p.uuid().primary(),
    actorKind: p.string().length(16),
    actorId: p.string().length(200),
    onBehalfOf: p.string().length(200).nullable(),
    action: p.string().length(100),
    resourceType: p.string().length(100),
    resourceId: p.string().length(200),
    before: p.json<unknown>().columnType('jsonb').nullable(),
    after: p.json<unknown>().columnType('jsonb').nullable(),
    at: p.datetime(),
  },
});
export type AuditEntry = InferEntity<typeof AuditEntry>;
