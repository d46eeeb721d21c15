import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7 } from '../../../platform/ids.ts';

/** A merchandising group (a season, a campaign) cutting across categories. */
export const Collection = defineEntity({
  name: 'Collection',
  schema: 'product',
  tableName: 'collections',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidv7()),
    handle: p.string().length(200).unique('collections_handle_key'),
    title: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Collection = InferEntity<typeof Collection>;
