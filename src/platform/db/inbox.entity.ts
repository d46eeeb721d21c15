import { defineEntity, p } from '@mikro-orm/core';

/**
 * The inbox of handled event ids that the platform creates in every module's schema (migrate.ts),
 * declared once so each module's schema check (and any ORM write to it) knows the table.
 */
export const inboxEntity = (schema: string) =>
  defineEntity({
    name: `Inbox_${schema}`,
    tableName: 'inbox',
    schema,
    properties: {
      eventId: p.uuid().primary(),
      queue: p.text().primary(),
      handledAt: p.datetime().defaultRaw('now()'),
    },
  });
