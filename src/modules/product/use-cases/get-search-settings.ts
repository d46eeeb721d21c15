import { readSearchSettings } from '../entities/search-settings.ts';
import { productRuntime } from '../runtime.ts';

/** Staff's synonyms and stop words as stored. */
export function getSearchSettings() {
  return readSearchSettings(productRuntime().platform.orm.em.fork());
}
