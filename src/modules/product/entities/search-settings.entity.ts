import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Staff's search rules, one row (id true): synonym groups and stop words (docs/adr/0090). */
export const SearchSettingsRow = defineEntity({
  name: 'SearchSettingsRow',
  schema: 'product',
  tableName: 'search_settings',
  properties: {
    id: p.boolean().primary(),
    synonyms: p.json<string[][]>(),
    stopWords: p.json<string[]>(),
    updatedAt: p.datetime(),
  },
});
export type SearchSettingsRow = InferEntity<typeof SearchSettingsRow>;
