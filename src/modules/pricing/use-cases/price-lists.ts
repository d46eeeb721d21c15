import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { EventBus } from '../../../platform/bus/index.ts';
import { BadRequest, NotFound } from '../../../platform/http/errors.ts';
import type { Currency } from '../contract.ts';
import { missingVariants } from '../catalog.ts';
import { PriceList } from '../entities/price-list.entity.ts';
import { republishShelfPrices, type Publish, type VariantCurrency } from '../shelf-prices.ts';
import { scheduleBoundaries } from '../tasks.ts';

export interface ListPrice {
  variantId: string;
  currency: Currency;
  amount: number;
}

export interface PriceListInput {
  name: string;
  description?: string | null;
  customerGroupId?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  prices: ListPrice[];
}

export type PriceListPatch = Partial<PriceListInput>;

/** What a route needs to change price lists: publish (shelf prices) and schedule (sale boundaries). */
export interface PriceListDeps {
  publish: Publish;
  bus: EventBus;
}

export function statusOf(
  list: { startsAt?: Date | null; endsAt?: Date | null },
  at = new Date(),
): 'scheduled' | 'active' | 'ended' {
  if (list.startsAt && list.startsAt > at) return 'scheduled';
  if (list.endsAt && list.endsAt <= at) return 'ended';
  return 'active';
}

async function view(em: EntityManager, l: PriceList, withPrices: boolean) {
  const prices = withPrices
    ? await em.execute<{ variant_id: string; currency: Currency; amount: number }[]>(
        'select variant_id, currency, amount from pricing.price_list_prices where price_list_id = ? order by variant_id, currency',
        [l.id],
      )
    : [];
  const [{ n }] = await em.execute<{ n: number }[]>(
    'select count(*)::int as n from pricing.price_list_prices where price_list_id = ?',
    [l.id],
  );
  return {
    id: l.id,
    name: l.name,
    description: l.description ?? null,
    customerGroupId: l.customerGroupId ?? null,
    startsAt: l.startsAt?.toISOString() ?? null,
    endsAt: l.endsAt?.toISOString() ?? null,
    status: statusOf(l),
    priceCount: n,
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
    ...(withPrices
      ? { prices: prices.map((p) => ({ variantId: p.variant_id, currency: p.currency, amount: p.amount })) }
      : {}),
  };
}

const date = (s: string | null | undefined) => (s ? new Date(s) : null);

function assertWindow(startsAt: Date | null | undefined, endsAt: Date | null | undefined): void {
  if (startsAt && endsAt && startsAt >= endsAt) {
    throw new BadRequest('endsAt must be after startsAt', {
      errors: [{ field: 'endsAt', message: 'must be after startsAt' }],
    });
  }
}

function assertUniquePrices(prices: readonly ListPrice[]): void {
  const seen = new Set<string>();
  prices.forEach((p, i) => {
    const key = `${p.variantId}:${p.currency}`;
    if (seen.has(key))
      throw new BadRequest(`prices lists variant ${p.variantId} in ${p.currency} more than once`, {
        errors: [{ field: `prices.${i}`, message: 'is a duplicate' }],
      });
    seen.add(key);
  });
}

async function assertRefs(
  tx: EntityManager,
  customerGroupId: string | null | undefined,
  prices: readonly ListPrice[] | undefined,
): Promise<void> {
  if (customerGroupId) {
    const [g] = await tx.execute('select id from pricing.customer_groups where id = ? for share', [customerGroupId]);
    if (!g) throw new NotFound(`Customer group ${customerGroupId}`);
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

async function pairsOf(tx: EntityManager, listId: string): Promise<VariantCurrency[]> {
  const rows = await tx.execute<{ variant_id: string; currency: Currency }[]>(
    'select variant_id, currency from pricing.price_list_prices where price_list_id = ?',
    [listId],
  );
  return rows.map((r) => ({ variantId: r.variant_id, currency: r.currency }));
}

async function replacePrices(tx: EntityManager, listId: string, prices: readonly ListPrice[]): Promise<void> {
  await tx.execute('delete from pricing.price_list_prices where price_list_id = ?', [listId]);
  if (prices.length === 0) return;
  await tx.execute(
    `insert into pricing.price_list_prices (price_list_id, variant_id, currency, amount)
     select ?::uuid, x."variantId", x.currency, x.amount from jsonb_to_recordset(?::jsonb) as x("variantId" uuid, currency text, amount integer)`,
    [listId, JSON.stringify(prices)],
  );
}

export async function createPriceList(em: EntityManager, deps: PriceListDeps, input: PriceListInput) {
  const startsAt = date(input.startsAt);
  const endsAt = date(input.endsAt);
  assertWindow(startsAt, endsAt);
  assertUniquePrices(input.prices);
  return em.transactional(async (tx) => {
    await assertRefs(tx, input.customerGroupId, input.prices);
    const list = tx.create(PriceList, {
      name: input.name.trim(),
      description: input.description ?? null,
      customerGroupId: input.customerGroupId ?? null,
      startsAt,
      endsAt,
    });
    await tx.flush();
    await replacePrices(tx, list.id, input.prices);
    await scheduleBoundaries(tx, deps.bus, list);
    await republishShelfPrices(tx, deps.publish, input.prices);
    return view(tx, list, true);
  });
}

export async function updatePriceList(em: EntityManager, deps: PriceListDeps, id: string, patch: PriceListPatch) {
  if (patch.prices) assertUniquePrices(patch.prices);
  return em.transactional(async (tx) => {
    const list = await tx.findOne(PriceList, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!list) throw new NotFound('Price list');
    const startsAt = patch.startsAt !== undefined ? date(patch.startsAt) : list.startsAt;
    const endsAt = patch.endsAt !== undefined ? date(patch.endsAt) : list.endsAt;
    assertWindow(startsAt, endsAt);
    await assertRefs(tx, patch.customerGroupId, patch.prices);
    const before = await pairsOf(tx, id);
    if (patch.name !== undefined) list.name = patch.name.trim();
    if (patch.description !== undefined) list.description = patch.description;
    if (patch.customerGroupId !== undefined) list.customerGroupId = patch.customerGroupId;
    list.startsAt = startsAt;
    list.endsAt = endsAt;
    list.updatedAt = new Date();
    await tx.flush();
    if (patch.prices) await replacePrices(tx, id, patch.prices);
    await scheduleBoundaries(tx, deps.bus, list);
    await republishShelfPrices(tx, deps.publish, [...before, ...(patch.prices ?? [])]);
    return view(tx, list, true);
  });
}

export async function deletePriceList(em: EntityManager, deps: PriceListDeps, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    const [row] = await tx.execute('select id from pricing.price_lists where id = ? for update', [id]);
    if (!row) throw new NotFound('Price list');
    const before = await pairsOf(tx, id);
    await tx.execute('delete from pricing.price_lists where id = ?', [id]);
    await republishShelfPrices(tx, deps.publish, before);
  });
}

export async function getPriceList(em: EntityManager, id: string) {
  const list = await em.findOne(PriceList, { id });
  if (!list) throw new NotFound('Price list');
  return view(em, list, true);
}

export async function listPriceLists(em: EntityManager, limit: number, cursor?: string) {
  const rows = await em.find(PriceList, cursor ? { id: { $lt: cursor } } : {}, {
    orderBy: { id: 'desc' },
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const items = [];
  for (const l of page) items.push(await view(em, l, false));
  return { items, nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}
