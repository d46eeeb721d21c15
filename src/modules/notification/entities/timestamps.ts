import { p } from '@mikro-orm/core';

/** A time the database stamps (column default now()) and the ORM sets when it creates the row. */
export const nowOnCreate = () =>
  p
    .datetime()
    .defaultRaw('now()')
    .onCreate(() => new Date());

/** The same, also refreshed by the ORM on every update it flushes. */
export const nowOnWrite = () => nowOnCreate().onUpdate(() => new Date());
