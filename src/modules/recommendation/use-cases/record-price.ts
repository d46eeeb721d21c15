import type { EntityManager } from '../../../platform/db/index.ts';
import { productOfVariant, refreshProductFacts } from '../entities/product-facts.ts';
import { RecPrice } from '../entities/catalog.entity.ts';

/** Projects a variant's price in a currency; a change older than the one held (by sequence) is ignored. */
export async function recordPrice(
  em: EntityManager,
  s: { variantId: string; currency: string; amount: number | null; sequence: number },
): Promise<void> {
  await em
    .qb(RecPrice)
    .insert({ variantId: s.variantId, currency: s.currency, amount: s.amount, sequence: s.sequence })
    .onConflict(['variantId', 'currency'])
    .merge(['amount', 'sequence'])
    .where({ sequence: { $lt: s.sequence } })
    .execute('run');
  const productId = await productOfVariant(em, s.variantId);
  if (productId) await refreshProductFacts(em, productId);
}
