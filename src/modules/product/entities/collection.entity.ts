import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { timestamps, uuidv7Id } from '../../../platform/db/index.ts';

/** A merchandising group (a season, a campaign) cutting across categories. */
export const Collection = defineEntity({
  name: 'Collection',
  schema: 'product',
  tableName: 'collections',
  properties: {
    id: uuidv7Id(),
    handle: p.string().length(200).unique('collections_handle_key'),
    title: p.string().length(200),
    ...timestamps(),
  },
});
export type Collection = InferEntity<typeof Collection>;
