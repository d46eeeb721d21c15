import type { Platform } from '../../../platform/host/platform.ts';
import { SearchFoundNothing } from '../contract.ts';
import { normaliseSearchTerm } from '../domain/search-term.ts';

/**
 * Announces a store search that found nothing. Its own small transaction, run after the answer
 * has gone out (routes/store-catalog.ts), so the shopper never waits for it; searches that find
 * something never get here. A failure is logged, not thrown: the search itself succeeded.
 */
export async function recordSearchMiss(platform: Platform, text: string): Promise<void> {
  const query = normaliseSearchTerm(text);
  if (!query || !platform.bus.queuesOf(SearchFoundNothing.name).length) return;
  try {
    await platform.orm.em
      .fork()
      .transactional((tx) =>
        platform.bus.publish(
          tx,
          SearchFoundNothing,
          { query, searchedAt: new Date().toISOString() },
          { producer: 'product' },
        ),
      );
  } catch (err) {
    platform.log.warn({ err }, 'a search without result could not be announced');
  }
}
