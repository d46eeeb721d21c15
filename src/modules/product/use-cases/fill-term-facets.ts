import type { EntityManager } from '../../../platform/db/index.ts';
import type { Currency } from '../../pricing/contract.ts';
import type { WordGroup } from '../domain/query-plan.ts';
import { keepTermFacets } from '../entities/term-facets.ts';
import { productRuntime } from '../runtime.ts';

const running = new Set<Promise<void>>();

/**
 * Keeps the facet counts a search found missing (docs/adr/0130) after it answered, without the
 * request waiting: the search already counted from the postings, so a failed or slow fill costs
 * the next search a count, never this one its answer (it is logged at warn).
 */
export function fillTermFacetsLater(em: EntityManager, g: WordGroup, currency: Currency): void {
  const fill = keepTermFacets(em.fork(), g, currency)
    .catch((err: unknown) =>
      productRuntime().platform.log.warn({ err, word: g.word, currency }, 'keeping facet counts failed'),
    )
    .finally(() => running.delete(fill));
  running.add(fill);
}

/** Resolves when the fills started so far are done (tests, and a process shutting down). */
export async function termFacetFillsSettled(): Promise<void> {
  while (running.size) await Promise.all(running);
}
