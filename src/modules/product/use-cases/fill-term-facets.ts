import type { EntityManager } from '../../../platform/db/index.ts';
import type { Currency } from '../../pricing/contract.ts';
import type { WordGroup } from '../domain/query-plan.ts';
import { keepTermFacets } from '../entities/term-facets.ts';
import { productRuntime } from '../runtime.ts';

const running = new Set<Promise<void>>();
const underWay = new Set<string>();
/** Fills at once, at most: a burst of new words must not take the pool from the requests. */
const MAX_RUNNING = 2;

/**
 * Keeps the facet counts a search found missing (docs/adr/0130) after it answered, without the
 * request waiting: the search already counted from the postings, so a failed or slow fill costs
 * the next search a count, never this one its answer (it is logged at warn).
 */
export function fillTermFacetsLater(em: EntityManager, g: WordGroup, currency: Currency): void {
  // (skipped while busy or already under way: a later search of the word asks again)
  const key = `${currency}:${g.word}:${g.prefix}`;
  if (running.size >= MAX_RUNNING || underWay.has(key)) return;
  underWay.add(key);
  const fill = keepTermFacets(em.fork(), g, currency)
    .catch((err: unknown) =>
      productRuntime().platform.log.warn({ err, word: g.word, currency }, 'keeping facet counts failed'),
    )
    .finally(() => {
      running.delete(fill);
      underWay.delete(key);
    });
  running.add(fill);
}

/** Resolves when the fills started so far are done (tests, and a process shutting down). */
export async function termFacetFillsSettled(): Promise<void> {
  while (running.size) await Promise.all(running);
}
