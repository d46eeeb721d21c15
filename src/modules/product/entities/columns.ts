import { p } from '@mikro-orm/core';
import { uuidv7 } from '../../../platform/ids.ts';

/** Columns several product tables share, declared once. */
export const uuidv7Id = () =>
  p
    .uuid()
    .primary()
    .onCreate(() => uuidv7());

export const timestamps = () => ({
  createdAt: p.datetime().onCreate(() => new Date()),
  updatedAt: p
    .datetime()
    .onCreate(() => new Date())
    .onUpdate(() => new Date()),
});

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
