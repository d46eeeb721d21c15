import { p } from '@mikro-orm/core';
import { uuidv7 } from '../ids.ts';

// Column declarations many modules' entities share, declared once.

/** A UUIDv7 primary key the ORM assigns when it creates the row. */
export const uuidv7Id = () =>
  p
    .uuid()
    .primary()
    .onCreate(() => uuidv7());

/** Creation and update times the ORM sets (no column default). */
export const timestamps = () => ({
  createdAt: p.datetime().onCreate(() => new Date()),
  updatedAt: p
    .datetime()
    .onCreate(() => new Date())
    .onUpdate(() => new Date()),
});

/** A time the database stamps (column default now()) and the ORM sets when it creates the row. */
export const nowOnCreate = () =>
  p
    .datetime()
    .defaultRaw('now()')
    .onCreate(() => new Date());

/** The same, also refreshed by the ORM on every update it flushes. */
export const nowOnWrite = () => nowOnCreate().onUpdate(() => new Date());

/** A reference by id the migration declares as a foreign key: `<column> references <target> on delete <rule>`. */
export const idReference = <T extends Parameters<typeof p.manyToOne>[0], C extends string>(
  target: T,
  column: C,
  foreignKeyName: string,
  onDelete: 'cascade' | 'restrict',
) =>
  p
    .manyToOne(target)
    .mapToPk()
    .fieldName(column)
    .foreignKeyName(foreignKeyName)
    .deleteRule(onDelete)
    .updateRule('no action');
