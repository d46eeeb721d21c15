import { LockMode } from '@mikro-orm/core';
import { query, type EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import type { Currency } from '../contract.ts';
import { priceListStatus, type ListPrice } from '../domain/price-list.ts';
import type { VariantCurrency } from '../domain/shelf-price.ts';
import { missingVariants } from './catalog.data.ts';
import { countPer } from './count-per.data.ts';
import { CustomerGroup } from './customer-group.entity.ts';
import { PriceListPrice, type PriceList } from './price-list.entity.ts';

const summaryOf = (l: PriceList, priceCount: number) => ({
  id: l.id,
  name: l.name,
  description: l.description ?? null,
  customerGroupId: l.customerGroupId ?? null,
  startsAt: l.startsAt?.toISOString() ?? null,
  endsAt: l.endsAt?.toISOString() ?? null,
  status: priceListStatus(l),
  priceCount,
  createdAt: l.createdAt.toISOString(),
  updatedAt: l.updatedAt.toISOString(),
});

/** Price lists as the admin API lists them: with the count of their prices (one query for all). */
export async function priceListSummaries(em: EntityManager, lists: readonly PriceList[]) {
  const counts = await countPer(
    em,
    { table: 'price_list_prices', column: 'price_list_id' },
    lists.map((l) => l.id),
  );
  return lists.map((l) => summaryOf(l, counts.get(l.id) ?? 0));
}

/** A price list with its prices. */
export async function priceListDetail(em: EntityManager, l: PriceList) {
  const prices = await query<ListPrice>(
    em,
    `select variant_id as "variantId", currency, amount from pricing.price_list_prices
      where price_list_id = $1 order by variant_id, currency`,
    [l.id],
  );
  return { ...summaryOf(l, prices.length), prices };
}

/** Checks that the group and the variants a list names exist, and keeps them so until commit (FOR SHARE). */
export async function assertListReferences(
  tx: EntityManager,
  customerGroupId: string | null | undefined,
  prices: readonly ListPrice[] | undefined,
): Promise<void> {
  if (customerGroupId) {
    const group = await tx.findOne(
      CustomerGroup,
      { id: customerGroupId },
      { lockMode: LockMode.PESSIMISTIC_READ, fields: ['id'] },
    );
    if (!group) throw new NotFound(`Customer group ${customerGroupId}`);
  }
  if (prices) {
    const missing = await missingVariants(
      tx,
      prices.map((p) => p.variantId),
    );
    if (missing.length)
      throw new NotFound(
        `Variant ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`,
      );
  }
}

/** The (variant, currency) pairs a list prices. */
export async function pairsOfList(tx: EntityManager, listId: string): Promise<VariantCurrency[]> {
  const rows = await query<{ variant_id: string; currency: Currency }>(
    tx,
    'select variant_id, currency from pricing.price_list_prices where price_list_id = $1',
    [listId],
  );
  return rows.map((r) => ({ variantId: r.variant_id, currency: r.currency }));
}

export async function replaceListPrices(
  tx: EntityManager,
  listId: string,
  prices: readonly ListPrice[],
): Promise<void> {
  await tx.nativeDelete(PriceListPrice, { priceListId: listId });
  if (prices.length === 0) return;
  await tx.insertMany(
    PriceListPrice,
    prices.map((p) => ({ priceListId: listId, variantId: p.variantId, currency: p.currency, amount: p.amount })),
  );
}
