// The audit trail of staff and API-key actions that change money, stock or access. A use case calls
// recordAudit inside its own transaction, so the entry commits (or not) with the change it describes;
// the user module stores the event and serves it at GET /admin/audit-log.
import { Type, type Static } from 'typebox';
import { defineEvent, type EventDef } from '../bus/event.ts';
import type { EntityManager } from '../db/index.ts';
import { uuidv7 } from '../ids.ts';
import type { ApiKeyPrincipal, StaffPrincipal } from './principal.ts';

export const AuditRecorded = defineEvent(
  'audit.recorded.v1',
  Type.Object({
    id: Type.String({ format: 'uuid' }),
    actorKind: Type.Union([Type.Literal('staff'), Type.Literal('apiKey')]),
    actorId: Type.String(),
    /** For an API key: the staff member who created it. */
    onBehalfOf: Type.Union([Type.String(), Type.Null()]),
    action: Type.String({ maxLength: 100 }),
    resourceType: Type.String({ maxLength: 100 }),
    resourceId: Type.String({ maxLength: 200 }),
    before: Type.Unknown(),
    after: Type.Unknown(),
    at: Type.String({ format: 'date-time' }),
  }),
  'A staff member or an API key changed money, stock or access (published by any module, stored by user)',
);
export type AuditEntry = Static<typeof AuditRecorded.schema>;

/** Events no module's contract owns: the platform publishes them on every module's behalf. */
export const platformEvents: EventDef[] = [AuditRecorded];

/** Who did it: staff or an API key (customers' own actions are not audited here). */
export type Actor = StaffPrincipal | ApiKeyPrincipal;

/** The staff member behind an actor: the staff member, or the one who created the API key. */
export const staffIdOf = (actor: Actor) => (actor.kind === 'apiKey' ? actor.createdBy : actor.sub);

export interface Change {
  /** e.g. `order.refund`, `stock.adjust`, `price.set`, `apiKey.create` */
  action: string;
  resourceType: string;
  resourceId: string;
  before: unknown;
  after: unknown;
}

type Publish = (em: EntityManager, event: typeof AuditRecorded, payload: AuditEntry) => Promise<unknown>;

/** Writes the audit entry with the caller's transaction (`publish` is the module's own publisher). */
export async function recordAudit(publish: Publish, em: EntityManager, actor: Actor, change: Change): Promise<void> {
  await publish(em, AuditRecorded, {
    id: uuidv7(),
    actorKind: actor.kind,
    actorId: actor.sub,
    onBehalfOf: actor.kind === 'apiKey' ? actor.createdBy : null,
    ...change,
    before: change.before ?? null,
    after: change.after ?? null,
    at: new Date().toISOString(),
  });
}
