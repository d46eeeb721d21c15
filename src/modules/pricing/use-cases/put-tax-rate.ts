import { sql } from 'kysely';
import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { TaxRate } from '../entities/tax.entity.ts';
import type { Publish } from './republish-shelf-prices.ts';
import { bpsToPpm, taxRateView, type TaxRateView } from '../domain/tax-rate.ts';
import { pricingDb } from '../entities/pricing-db.ts';

/** Creates or replaces a country's rate (PUT semantics). Prices are not republished: shelf prices carry no rate. */
export async function putTaxRate(
  em: EntityManager,
  publish: Publish,
  countryCode: string,
  input: { rateBps: number; name?: string | null },
  actor: Actor,
): Promise<{ created: boolean; rate: TaxRateView }> {
  return em.transactional(async (tx) => {
    const previous = await tx.findOne(TaxRate, { countryCode });
    const result = await writeTaxRate(tx, countryCode, input);
    await recordAudit(publish, tx, actor, {
      action: 'taxRate.set',
      resourceType: 'taxRate',
      resourceId: countryCode,
      before: previous ? taxRateView(previous) : null,
      after: result.rate,
    });
    return result;
  });
}

async function writeTaxRate(em: EntityManager, countryCode: string, input: { rateBps: number; name?: string | null }) {
  const row = await pricingDb(em)
    .insertInto('tax_rates')
    .values({
      country_code: countryCode,
      name: input.name ?? null,
      rate_ppm: bpsToPpm(input.rateBps),
      updated_at: new Date(),
    })
    .onConflict((oc) =>
      oc.column('country_code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        rate_ppm: eb.ref('excluded.rate_ppm'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    // xmax is 0 on a row this statement inserted, set on one it updated.
    .returning(['country_code', 'name', 'rate_ppm', 'updated_at', sql<boolean>`xmax = 0`.as('created')])
    .executeTakeFirstOrThrow();
  return {
    created: row.created,
    rate: taxRateView({
      countryCode: row.country_code,
      name: row.name,
      ratePpm: row.rate_ppm,
      updatedAt: new Date(row.updated_at),
    }),
  };
}
