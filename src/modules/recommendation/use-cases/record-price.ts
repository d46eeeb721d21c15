import type { EntityManager } from '../../../platform/db/index.ts';
import { recommendationDb } from '../entities/db.ts';
import { productsOfVariants, refreshProductFacts } from '../entities/product-facts.ts';

export interface PriceFact {
  variantId: string;
  currency: string;
  amount: number | null;
  sequence: number;
}

/**
 * Projects variants' prices per currency; a change older than the one held (by sequence) is
 * ignored, so the newest per (variant, currency) of a batch is all that counts. Prices, variants
 * and products are locked in that order, each in id order (entities/product-facts.ts).
 */
export async function recordPrices(em: EntityManager, changes: PriceFact[]): Promise<void> {
  const newest = new Map<string, PriceFact>();
  for (const c of changes) {
    const key = `${c.variantId} ${c.currency}`;
    if (!((newest.get(key)?.sequence ?? -Infinity) >= c.sequence)) newest.set(key, c);
  }
  if (!newest.size) return;
  const rows = [...newest.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
  await recommendationDb(em)
    .insertInto('recommendation.prices')
    .values(
      rows.map((c) => ({ variant_id: c.variantId, currency: c.currency, amount: c.amount, sequence: c.sequence })),
    )
    .onConflict((oc) =>
      oc
        .columns(['variant_id', 'currency'])
        .doUpdateSet((eb) => ({ amount: eb.ref('excluded.amount'), sequence: eb.ref('excluded.sequence') }))
        .where((eb) => eb('recommendation.prices.sequence', '<', eb.ref('excluded.sequence'))),
    )
    .execute();
  await refreshProductFacts(
    em,
    await productsOfVariants(
      em,
      rows.map((c) => c.variantId),
    ),
  );
}

/** One variant's price change (a batch of one). */
export const recordPrice = (em: EntityManager, change: PriceFact) => recordPrices(em, [change]);
