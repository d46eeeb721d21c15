import type { Static } from 'typebox';
import { writeSearchSettings, type SearchSettings } from '../entities/search-settings.ts';
import type { SearchSettingsBody } from '../routes/admin-schemas.ts';
import { productRuntime } from '../runtime.ts';

/**
 * Replaces staff's synonyms and stop words (lower-cased, duplicates dropped); the query planner
 * reads them at once in this process, an external engine gets them as its own settings.
 */
export async function updateSearchSettings(body: Static<typeof SearchSettingsBody>): Promise<SearchSettings> {
  const { platform, search, vocabulary, cache } = productRuntime();
  const words = (list: string[]) => [...new Set(list.map((w) => w.toLowerCase()))];
  const settings = {
    synonyms: body.synonyms.map(words).filter((g) => g.length > 1),
    stopWords: words(body.stopWords),
  };
  await writeSearchSettings(platform.orm.em.fork(), settings);
  vocabulary.invalidate({ now: true });
  await cache.invalidate([], { kind: 'catalog' });
  await search.configure(settings);
  return settings;
}
