import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '../../platform/db/index.ts';
import { BadRequest, Conflict, NotFound } from '../../platform/http/errors.ts';
import type { Currency } from '../pricing/contract.ts';
import { ShippingOptionChanged, type ShippingOptionSnapshot } from './contract.ts';
import { checkTrackingUrlTemplate } from './carriers.ts';
import { isCountryCode } from './countries.ts';
import { ShippingOption, type ShippingRate } from './option.entity.ts';
import type { Publish } from './publish.ts';

export interface RateInput {
  currency: Currency;
  kind: 'flat' | 'by_weight';
  amount: number;
  perKgAmount?: number;
  freeAbove?: number | null;
}

export interface OptionInput {
  code: string;
  name: string;
  active?: boolean;
  countries: string[];
  rates: RateInput[];
  trackingUrlTemplate?: string | null;
}

const bad = (field: string, message: string) => new BadRequest(`${field} ${message}`, { errors: [{ field, message }] });

/** The snapshot every change publishes: the full state, so a consumer replaces its copy. */
export const snapshotOf = (o: ShippingOption): ShippingOptionSnapshot => ({
  optionId: o.id,
  version: o.version,
  name: o.name,
  code: o.code,
  active: o.active,
  countries: [...o.countries],
  rates: o.rates.map((r) => ({ ...r })),
});

export const optionView = (o: ShippingOption) => ({
  id: o.id,
  code: o.code,
  name: o.name,
  active: o.active,
  countries: [...o.countries],
  rates: o.rates,
  trackingUrlTemplate: o.trackingUrlTemplate ?? null,
  version: o.version,
  retiredAt: o.retiredAt?.toISOString() ?? null,
  createdAt: o.createdAt.toISOString(),
  updatedAt: o.updatedAt.toISOString(),
});
export type OptionView = ReturnType<typeof optionView>;

/**
 * Rates as stored: one per currency, sorted, every field present. A flat rate has no per-kg
 * amount; a by-weight rate must state one (0 is allowed, and then it is flat in all but name).
 */
export function normaliseRates(rates: readonly RateInput[]): ShippingRate[] {
  const seen = new Set<string>();
  return rates
    .map((r, i) => {
      if (seen.has(r.currency))
        throw bad(`rates.${i}.currency`, `lists ${r.currency} more than once (one rate per currency)`);
      seen.add(r.currency);
      if (r.kind === 'flat' && (r.perKgAmount ?? 0) !== 0)
        throw bad(`rates.${i}.perKgAmount`, 'belongs to a by_weight rate, not a flat one');
      if (r.kind === 'by_weight' && r.perKgAmount === undefined)
        throw bad(`rates.${i}.perKgAmount`, 'is required for a by_weight rate');
      return {
        currency: r.currency,
        kind: r.kind,
        amount: r.amount,
        perKgAmount: r.perKgAmount ?? 0,
        freeAbove: r.freeAbove ?? null,
      };
    })
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

export function normaliseCountries(countries: readonly string[]): string[] {
  countries.forEach((c, i) => {
    if (!isCountryCode(c)) throw bad(`countries.${i}`, `"${c}" is not an ISO 3166-1 alpha-2 country code`);
  });
  return [...countries].sort();
}

function normaliseTemplate(template: string | null | undefined): string | null {
  if (template == null) return null;
  const problem = checkTrackingUrlTemplate(template);
  if (problem) throw bad('trackingUrlTemplate', problem);
  return template;
}

const duplicateCode = (code: string) => new Conflict(`A shipping option with the code "${code}" already exists`);

/** Runs a write; the partial unique index on live codes decides duplicates, also between concurrent requests. */
async function uniqueCode<T>(code: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw duplicateCode(code ?? '');
    throw err;
  }
}

/** Records a new version of the option and publishes its snapshot, in the caller's transaction. */
async function publishVersion(em: EntityManager, publish: Publish, o: ShippingOption, next: number): Promise<void> {
  o.version = next;
  o.publishedVersion = next;
  o.updatedAt = new Date();
  await em.flush();
  await publish(em, ShippingOptionChanged, snapshotOf(o));
}

export async function createOption(em: EntityManager, publish: Publish, input: OptionInput): Promise<OptionView> {
  const countries = normaliseCountries(input.countries);
  const rates = normaliseRates(input.rates);
  const trackingUrlTemplate = normaliseTemplate(input.trackingUrlTemplate);
  return uniqueCode(input.code, () =>
    em.transactional(async (tx) => {
      const o = tx.create(ShippingOption, {
        code: input.code,
        name: input.name.trim(),
        active: input.active ?? true,
        countries,
        rates,
        trackingUrlTemplate,
        version: 1,
        publishedVersion: 1,
        retiredAt: null,
      });
      await tx.flush();
      await publish(tx, ShippingOptionChanged, snapshotOf(o));
      return optionView(o);
    }),
  );
}

async function lockOption(em: EntityManager, id: string): Promise<ShippingOption> {
  const o = await em.findOne(ShippingOption, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!o) throw new NotFound('Shipping option');
  return o;
}

/** Changes some fields. A patch that changes nothing publishes nothing and keeps the version. */
export async function updateOption(
  em: EntityManager,
  publish: Publish,
  id: string,
  patch: Partial<OptionInput>,
): Promise<OptionView> {
  const countries = patch.countries && normaliseCountries(patch.countries);
  const rates = patch.rates && normaliseRates(patch.rates);
  const template = patch.trackingUrlTemplate === undefined ? undefined : normaliseTemplate(patch.trackingUrlTemplate);
  return uniqueCode(patch.code, () =>
    em.transactional(async (tx) => {
      const o = await lockOption(tx, id);
      if (o.retiredAt)
        throw new Conflict('The shipping option is retired; a retired option cannot be changed (create a new one)');
      const state = () => JSON.stringify([snapshotOf(o), o.trackingUrlTemplate ?? null]);
      const before = state();
      if (patch.code !== undefined) o.code = patch.code;
      if (patch.name !== undefined) o.name = patch.name.trim();
      if (patch.active !== undefined) o.active = patch.active;
      if (countries) o.countries = countries;
      if (rates) o.rates = rates;
      if (template !== undefined) o.trackingUrlTemplate = template;
      if (state() !== before) await publishVersion(tx, publish, o, o.version + 1);
      return optionView(o);
    }),
  );
}

/**
 * Retires an option for good: it is no longer offered, its snapshot goes out inactive, and its
 * code is free again. Shipments already made with it keep their copy. Retiring twice is a no-op.
 */
export async function retireOption(em: EntityManager, publish: Publish, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    const o = await lockOption(tx, id);
    if (o.retiredAt) return;
    o.active = false;
    o.retiredAt = new Date();
    await publishVersion(tx, publish, o, o.version + 1);
  });
}

export async function getOption(em: EntityManager, id: string): Promise<OptionView> {
  const o = await em.findOne(ShippingOption, { id });
  if (!o) throw new NotFound('Shipping option');
  return optionView(o);
}

export async function listOptions(em: EntityManager, includeRetired: boolean): Promise<{ items: OptionView[] }> {
  const rows = await em.find(ShippingOption, includeRetired ? {} : { retiredAt: null }, {
    orderBy: { code: 'asc', id: 'asc' },
  });
  return { items: rows.map(optionView) };
}
