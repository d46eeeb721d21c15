// Shared setup of the shipping option tests (test/shipping-options*.test.ts, test/shipping-rates.test.ts).
import { ShippingOptionChanged } from '../../src/modules/shipping/contract.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { adminToken, registerCustomer, startTestApp, type TestApp } from './app.ts';

const MODULES = 'user,shipping';

export interface OptionsContext {
  db: TestDatabase;
  app: TestApp;
  admin: string;
  customer: string;
  probe: string;
}

/** An app with the user and shipping modules whose seeded options were published to `probe` at this start. */
export async function startOptionsApp(): Promise<OptionsContext> {
  const db = await createTestDatabase();
  // A first start migrates (and publishes the seeds before anyone listens); a subscriber of our own
  // is declared, the seeds are marked unpublished again, and the real start must publish them.
  const first = await startTestApp({ MODULES }, { db });
  const probe = await first.platform.bus.declare('probe', ShippingOptionChanged.name);
  await first.close();
  await db.query('update shipping.options set published_version = 0');
  const app = await startTestApp({ MODULES }, { db });
  const admin = await adminToken(app);
  const customer = (await registerCustomer(app)).token;
  return { db, app, admin, customer, probe };
}

/** Request and fixture shorthands over the context `ctx` returns (read at call time, after `beforeAll`). */
export function optionHelpers(ctx: () => OptionsContext) {
  /** Every option snapshot published so far (to our probe), in publication order. */
  const published = async (optionId?: string) =>
    (
      await ctx().db.query(`select data->'payload' as p from pgboss.job where name = $1 order by created_on, id`, [
        ctx().probe,
      ])
    )
      .map((r) => r.p)
      .filter((p) => !optionId || p.optionId === optionId);
  const create = (body: unknown, token = ctx().admin) =>
    ctx().app.request('POST', '/admin/shipping-options', { token, body });
  const patch = (id: string, body: unknown, token = ctx().admin) =>
    ctx().app.request('PATCH', `/admin/shipping-options/${id}`, { token, body });
  const option = (over: Record<string, unknown> = {}) => ({
    code: `opt-${Math.random().toString(36).slice(2, 8)}`,
    name: 'Nordic post',
    countries: ['NO', 'SE'],
    rates: [{ currency: 'EUR', kind: 'flat', amount: 700, freeAbove: 10_000 }],
    ...over,
  });
  const rates = (query: string) => ctx().app.request('GET', `/store/shipping-rates?${query}`);
  return { published, create, patch, option, rates };
}
