import type { Orm } from '../../../../platform/db/index.ts';
import type { Vocabulary } from '../../domain/query-plan.ts';
import { readIndexedTerms, readSearchSettings, vocabularyOf } from '../../entities/search-settings.ts';

/** A reload at most this often however fast the catalog changes (a seed, an import). */
const MIN_RELOAD_MS = 1000;

/**
 * The query planner's vocabulary, held in memory: reading it costs one pass over every search
 * document, so it is read again only after a catalog change in this process (at most once a
 * second) or after `maxAgeMs` (changes made by other processes). A stale vocabulary only misses
 * typo corrections towards the newest words: a query word always matches itself.
 */
export class SearchVocabulary {
  #orm: Orm;
  #maxAgeMs: number;
  #current: Vocabulary | undefined;
  #loadedAt = 0;
  #stale = true;
  #loading: Promise<Vocabulary> | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(orm: Orm, maxAgeMs: number) {
    this.#orm = orm;
    this.#maxAgeMs = maxAgeMs;
  }

  /**
   * The catalog's words or the staff's settings changed. `now`: read again on the next search, not
   * after the once-a-second pause (staff's settings are rare, and they expect to see them at once).
   */
  invalidate(opts: { now?: boolean } = {}): void {
    this.#stale = true;
    if (opts.now) this.#loadedAt = 0;
  }

  async get(): Promise<Vocabulary> {
    const age = Date.now() - this.#loadedAt;
    if (this.#current && !this.#stale && age < this.#maxAgeMs) return this.#current;
    if (this.#current && age < MIN_RELOAD_MS) {
      this.#timer ??= setTimeout(() => {
        this.#timer = undefined;
        this.#reload().catch(() => undefined);
      }, MIN_RELOAD_MS - age).unref();
      return this.#current;
    }
    return this.#reload();
  }

  #reload(): Promise<Vocabulary> {
    this.#loading ??= (async () => {
      this.#stale = false; // a change during the load marks it stale again
      const em = this.#orm.em.fork();
      try {
        const terms = await readIndexedTerms(em);
        const settings = await readSearchSettings(em);
        this.#current = vocabularyOf(terms, settings);
        this.#loadedAt = Date.now();
        return this.#current;
      } catch (err) {
        this.#stale = true;
        throw err;
      } finally {
        this.#loading = undefined;
      }
    })();
    return this.#loading;
  }
}
