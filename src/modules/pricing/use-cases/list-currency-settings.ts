import type { EntityManager } from '../../../platform/db/index.ts';
import { CURRENCIES } from '../contract.ts';
import { CurrencySetting } from '../entities/tax.entity.ts';

export async function listCurrencySettings(em: EntityManager) {
  const rows = await em.find(CurrencySetting, {}, { orderBy: { currency: 'asc' } });
  return {
    items: rows.map((r) => ({ currency: r.currency, exponent: CURRENCIES[r.currency], taxInclusive: r.taxInclusive })),
  };
}
