import type { EntityManager } from '../../../platform/db/index.ts';
import { BadRequest, NotFound } from '../../../platform/http/errors.ts';
import { CURRENCIES, type Currency } from '../contract.ts';
import { TaxRate } from '../entities/tax.entity.ts';
import { pairsInCurrency, republishShelfPrices, type Publish } from '../shelf-prices.ts';

/** Basis points (up to two decimals) to parts per million, exactly: 887.5 bps = 88750 ppm. */
export function bpsToPpm(rateBps: number): number {
  const ppm = Math.round(rateBps * 100);
  if (Math.abs(ppm - rateBps * 100) > 1e-6) {
    throw new BadRequest('rateBps has at most two decimals (0.01 bps = 1 ppm)', {
      errors: [{ field: 'rateBps', message: 'has more than two decimals' }],
    });
  }
  return ppm;
}
export const ppmToBps = (ppm: number) => ppm / 100;

const rateView = (t: TaxRate) => ({
  countryCode: t.countryCode,
  name: t.name ?? null,
  rateBps: ppmToBps(t.ratePpm),
  updatedAt: t.updatedAt.toISOString(),
});

export async function listTaxRates(em: EntityManager) {
  return { items: (await em.find(TaxRate, {}, { orderBy: { countryCode: 'asc' } })).map(rateView) };
}

export async function getTaxRate(em: EntityManager, countryCode: string) {
  const t = await em.findOne(TaxRate, { countryCode });
  if (!t) throw new NotFound(`Tax rate for ${countryCode}`);
  return rateView(t);
}

/** Creates or replaces a country's rate (PUT semantics). Prices are not republished: shelf prices carry no rate. */
export async function putTaxRate(
  em: EntityManager,
  countryCode: string,
  input: { rateBps: number; name?: string | null },
): Promise<{ created: boolean; rate: ReturnType<typeof rateView> }> {
  const ratePpm = bpsToPpm(input.rateBps);
  const [row] = await em.execute<{ created: boolean }[]>(
    `insert into pricing.tax_rates as t (country_code, name, rate_ppm, updated_at) values (?, ?, ?, now())
     on conflict (country_code) do update set name = excluded.name, rate_ppm = excluded.rate_ppm, updated_at = now()
     returning (xmax = 0) as created`,
    [countryCode, input.name ?? null, ratePpm],
  );
  return { created: row.created, rate: await getTaxRate(em, countryCode) };
}

export async function deleteTaxRate(em: EntityManager, countryCode: string): Promise<void> {
  if (!(await em.nativeDelete(TaxRate, { countryCode }))) throw new NotFound(`Tax rate for ${countryCode}`);
}

export async function listCurrencySettings(em: EntityManager) {
  const rows = await em.execute<{ currency: Currency; tax_inclusive: boolean }[]>(
    'select currency, tax_inclusive from pricing.currency_settings order by currency',
  );
  return {
    items: rows.map((r) => ({ currency: r.currency, exponent: CURRENCIES[r.currency], taxInclusive: r.tax_inclusive })),
  };
}

/**
 * Switches a currency between tax-inclusive and tax-exclusive prices. Every shelf price in that
 * currency carries the flag, so all of them are republished in the same transaction.
 */
export async function setCurrencyTaxMode(
  em: EntityManager,
  publish: Publish,
  currency: Currency,
  taxInclusive: boolean,
) {
  return em.transactional(async (tx) => {
    const rows = await tx.execute(
      'update pricing.currency_settings set tax_inclusive = ?, updated_at = now() where currency = ? returning currency',
      [taxInclusive, currency],
    );
    if (!rows.length) throw new NotFound(`Currency ${currency}`);
    await republishShelfPrices(tx, publish, await pairsInCurrency(tx, currency));
    return { currency, exponent: CURRENCIES[currency], taxInclusive };
  });
}
