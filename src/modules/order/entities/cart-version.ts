import type { EntityManager } from '../../../platform/db/index.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import { lockCart } from './cart-store.ts';

// A cart write in two statements and no transaction: read the cart with its row version (`xmin`),
// then write only if the row is still that version. Every change to a cart (a line added, changed
// or removed, a promotion, a merge, a checkout) updates its row, so a write that finds another
// version changes nothing and the caller reads again.

/** How often a write reads the cart again when it changed under it, before queueing on its lock. */
const OPTIMISTIC_TRIES = 3;

/**
 * Runs `once` (read, then write if unchanged; undefined when the cart changed) until it lands, at
 * most OPTIMISTIC_TRIES times; a cart that keeps changing (many requests at once) is then done in
 * a transaction that first waits for the cart's row lock, where nothing can change it. An error
 * `retry` accepts (a key another request stored meanwhile) counts as a change: the next read sees it.
 */
export async function onUnchangedCart<T>(
  em: EntityManager,
  cartId: string,
  once: (em: EntityManager) => Promise<T | undefined>,
  retry: (err: unknown) => boolean = () => false,
): Promise<T> {
  for (let tries = 0; tries < OPTIMISTIC_TRIES; tries++) {
    const done = await once(em).catch((err) => (retry(err) ? undefined : Promise.reject(err)));
    if (done) return done;
  }
  try {
    return await em.transactional(async (tx) => {
      await lockCart(tx, cartId);
      // (read after the lock: a new snapshot, so a change that held the lock has committed and is seen)
      const done = await once(tx);
      if (!done) throw new Error('the cart changed while its row was locked');
      return done;
    });
  } catch (err) {
    if (!retry(err)) throw err;
    const done = await once(em);
    if (!done) throw new Conflict('the cart changed meanwhile; try again');
    return done;
  }
}
