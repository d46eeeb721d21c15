import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { BadRequest, Conflict, NotFound } from '../../../platform/http/errors.ts';
import { PromotionCodeChanged, type Currency } from '../contract.ts';
import type { allPublisherFor, publisherFor } from '../../../platform/host/platform.ts';
import { Promotion } from '../entities/promotion.entity.ts';
import type { PromotionRule } from '../engine/index.ts';
import { assertOnePerCurrency, type Money } from './base-prices.ts';

type Publish = ReturnType<typeof publisherFor>;
type PublishAll = ReturnType<typeof allPublisherFor>;

export interface PromotionInput {
  name: string;
  description?: string | null;
  code?: string | null;
  kind: 'percentage' | 'fixed';
  percentBps?: number | null;
  amounts?: Money[];
  productIds?: string[];
  categoryIds?: string[];
  minSubtotal?: Money[];
  startsAt?: string | null;
  endsAt?: string | null;
  usageLimit?: number | null;
  oncePerCustomer?: boolean;
}

type PerCurrency = Partial<Record<Currency, number>>;
const toMap = (entries: readonly Money[]): PerCurrency =>
  Object.fromEntries(entries.map((e) => [e.currency, e.amount]));
const toList = (map: PerCurrency): Money[] =>
  Object.entries(map)
    .map(([currency, amount]) => ({ currency: currency as Currency, amount: amount! }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
const date = (s: string | null | undefined) => (s ? new Date(s) : null);
const bad = (field: string, message: string) => new BadRequest(`${field} ${message}`, { errors: [{ field, message }] });

export const promotionView = (p: Promotion) => ({
  id: p.id,
  name: p.name,
  description: p.description ?? null,
  code: p.code ?? null,
  automatic: !p.code,
  kind: p.kind,
  percentBps: p.percentBps ?? null,
  amounts: toList(p.amounts),
  productIds: p.productIds,
  categoryIds: p.categoryIds,
  minSubtotal: toList(p.minSubtotal),
  startsAt: p.startsAt?.toISOString() ?? null,
  endsAt: p.endsAt?.toISOString() ?? null,
  usageLimit: p.usageLimit ?? null,
  usageCount: p.usageCount,
  oncePerCustomer: p.oncePerCustomer,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

/** The engine's view of a stored promotion, with the usage facts looked up by the caller. */
export const toRule = (p: Promotion, usedByCustomer: boolean): PromotionRule => ({
  id: p.id,
  name: p.name,
  code: p.code ?? null,
  kind: p.kind,
  percentBps: p.percentBps ?? null,
  amounts: p.amounts,
  productIds: p.productIds,
  categoryIds: p.categoryIds,
  minSubtotal: p.minSubtotal,
  startsAt: p.startsAt ?? null,
  endsAt: p.endsAt ?? null,
  oncePerCustomer: p.oncePerCustomer,
  limitReached: p.usageLimit != null && p.usageCount >= p.usageLimit,
  usedByCustomer,
});

/** A promotion must make sense as a whole: a percentage has basis points, a fixed one has amounts. */
function assertCoherent(p: Promotion): void {
  if (p.kind === 'percentage') {
    if (p.percentBps == null) throw bad('percentBps', 'is required for a percentage promotion');
    if (Object.keys(p.amounts).length) throw bad('amounts', 'belong to a fixed promotion, not a percentage one');
  } else {
    if (p.percentBps != null) throw bad('percentBps', 'belongs to a percentage promotion, not a fixed one');
    if (!Object.keys(p.amounts).length) throw bad('amounts', 'must name the amount off in at least one currency');
  }
  if (p.startsAt && p.endsAt && p.startsAt >= p.endsAt) throw bad('endsAt', 'must be after startsAt');
}

function assign(p: Promotion, input: Partial<PromotionInput>): void {
  if (input.amounts) assertOnePerCurrency(input.amounts, 'amounts');
  if (input.minSubtotal) assertOnePerCurrency(input.minSubtotal, 'minSubtotal');
  if (input.kind !== undefined && input.kind !== p.kind) {
    // switching kind drops the other kind's value unless the patch sets it (and then is rejected)
    if (input.kind === 'fixed' && input.percentBps === undefined) p.percentBps = null;
    if (input.kind === 'percentage' && input.amounts === undefined) p.amounts = {};
    p.kind = input.kind;
  }
  if (input.name !== undefined) p.name = input.name.trim();
  if (input.description !== undefined) p.description = input.description;
  if (input.code !== undefined) p.code = input.code;
  if (input.percentBps !== undefined) p.percentBps = input.percentBps;
  if (input.amounts !== undefined) p.amounts = toMap(input.amounts);
  if (input.productIds !== undefined) p.productIds = [...new Set(input.productIds)];
  if (input.categoryIds !== undefined) p.categoryIds = [...new Set(input.categoryIds)];
  if (input.minSubtotal !== undefined) p.minSubtotal = toMap(input.minSubtotal);
  if (input.startsAt !== undefined) p.startsAt = date(input.startsAt);
  if (input.endsAt !== undefined) p.endsAt = date(input.endsAt);
  if (input.usageLimit !== undefined) p.usageLimit = input.usageLimit;
  if (input.oncePerCustomer !== undefined) p.oncePerCustomer = input.oncePerCustomer;
  assertCoherent(p);
}

async function save(em: EntityManager, p: Promotion): Promise<void> {
  try {
    await em.flush();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException)
      throw new Conflict(`A promotion with the code "${p.code}" already exists (codes are case-insensitive)`);
    throw err;
  }
}

/** What carts are told about a code: what it is now, or (without a promotion) that it names nothing any more. */
const codeFacts = (code: string, p: Promotion | null, version: number) => ({
  code: code.toUpperCase(),
  promotionId: p?.id ?? '00000000-0000-0000-0000-000000000000',
  name: p?.name ?? '',
  active: !!p,
  startsAt: p?.startsAt?.toISOString() ?? null,
  endsAt: p?.endsAt?.toISOString() ?? null,
  oncePerCustomer: p?.oncePerCustomer ?? false,
  minSubtotal: p ? toList(p.minSubtotal) : [],
  version,
});

async function announceCode(
  em: EntityManager,
  publish: Publish,
  code: string,
  p: Promotion | null,
  version: number,
): Promise<void> {
  await publish(em, PromotionCodeChanged, codeFacts(code, p, version));
}

/**
 * Announces every code again (at start): a projection that is new, or was rebuilt, fills up. The
 * version is the promotion's own last change, so an announcement that is older changes nothing.
 */
export async function announceAllCodes(em: EntityManager, publishAll: PublishAll): Promise<void> {
  await em.transactional(async (tx) => {
    const all = await tx.find(Promotion, { code: { $ne: null } });
    await publishAll(
      tx,
      PromotionCodeChanged,
      all.map((p) => codeFacts(p.code!, p, p.updatedAt.getTime())),
    );
  });
}

export async function createPromotion(em: EntityManager, publish: Publish, input: PromotionInput) {
  return em.transactional(async (tx) => {
    const p = tx.create(Promotion, {
      name: input.name,
      kind: input.kind,
      amounts: {},
      productIds: [],
      categoryIds: [],
      minSubtotal: {},
      oncePerCustomer: false,
      usageCount: 0,
    });
    assign(p, input);
    await save(tx, p);
    if (p.code) await announceCode(tx, publish, p.code, p, p.updatedAt.getTime());
    return promotionView(p);
  });
}

export async function updatePromotion(em: EntityManager, publish: Publish, id: string, patch: Partial<PromotionInput>) {
  return em.transactional(async (tx) => {
    const p = await tx.findOne(Promotion, { id });
    if (!p) throw new NotFound('Promotion');
    const before = p.code ?? null;
    assign(p, patch);
    p.updatedAt = new Date();
    await save(tx, p);
    if (before && before.toUpperCase() !== p.code?.toUpperCase())
      await announceCode(tx, publish, before, null, Date.now());
    if (p.code) await announceCode(tx, publish, p.code, p, p.updatedAt.getTime());
    return promotionView(p);
  });
}

export async function getPromotion(em: EntityManager, id: string) {
  const p = await em.findOne(Promotion, { id });
  if (!p) throw new NotFound('Promotion');
  return promotionView(p);
}

/** Deleting a promotion deletes its redemption records too; orders keep their own copy of what they were given. */
export async function deletePromotion(em: EntityManager, publish: Publish, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    const p = await tx.findOne(Promotion, { id });
    if (!p) throw new NotFound('Promotion');
    await tx.nativeDelete(Promotion, { id });
    if (p.code) await announceCode(tx, publish, p.code, null, Date.now());
  });
}

export async function listPromotions(em: EntityManager, q: { limit: number; cursor?: string; q?: string }) {
  const where: FilterQuery<Promotion> = {};
  if (q.cursor) where.id = { $lt: q.cursor };
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    where.$or = [{ name: { $ilike: like } }, { code: { $ilike: like } }];
  }
  const rows = await em.find(Promotion, where, { orderBy: { id: 'desc' }, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  return { items: page.map(promotionView), nextCursor: rows.length > q.limit ? page[page.length - 1].id : null };
}
