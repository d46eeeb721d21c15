// The route table and everything generated from it: committed files equal what `npm run
// routes:table` writes now, and every route reaches the group hosting its module, through the
// nginx locations and through the Ingress alike.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, type Tessera } from '../src/platform/host/boot.ts';
import { collectRoutes, type RouteEntry } from '../src/platform/gateway/collect-routes.ts';
import { gatewayFiles } from '../src/platform/gateway/generate.ts';
import { groupOf, layouts } from '../src/platform/gateway/layouts.ts';
import { locationsFor, resolveGroup } from '../src/platform/gateway/route-table.ts';
import { ingressFor, resolveIngress } from '../src/platform/gateway/ingress.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

const root = resolve(import.meta.dirname, '..');
const committed = (file: string) => readFileSync(resolve(root, file), 'utf8');
const table: RouteEntry[] = JSON.parse(committed('deploy/routes.json')).routes;
/** A concrete request path for a route: each parameter a plausible id. */
const concrete = (path: string) => path.replace(/:\w+/g, '0193e9a2-7c4d-7000-8000-00000000abcd');

describe('route table', () => {
  let db: TestDatabase;
  let tessera: Tessera;
  beforeAll(async () => {
    db = await createTestDatabase();
    tessera = await boot({
      env: {
        DATABASE_URL: db.url,
        MODULES: 'all',
        ROLE: 'api',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'silent',
        ADMIN_EMAIL: 'admin@example.com',
        ADMIN_PASSWORD: 'Admin-password-1',
      },
    });
  }, 180_000); // (migrating twelve modules on a loaded machine)
  afterAll(async () => {
    await tessera?.close();
    await db?.drop();
  });

  it('the committed files are what npm run routes:table writes now', async () => {
    const { routes, app } = await collectRoutes(tessera.platform, tessera.modules);
    const files = gatewayFiles(routes, app.swagger());
    await app.close();
    expect(Object.keys(files).length).toBe(6);
    for (const [file, text] of Object.entries(files))
      expect(committed(file), `${file} drifted: run npm run routes:table`).toBe(text);
    // Every module with routes is in the table, and the table names no module that does not exist.
    const withRoutes = tessera.modules.filter((m) => m.routes).map((m) => m.name);
    expect(new Set(routes.map((r) => r.module))).toEqual(new Set(['*', ...withRoutes]));
  }, 120_000);

  it('paths sharing a prefix across modules reach their own module', () => {
    const split = layouts.split;
    const locations = locationsFor(table, split);
    const cases: [string, string][] = [
      ['/store/shipping-options', 'order'],
      ['/store/shipping-rates', 'shipping'],
      ['/store/price-quotes', 'pricing'],
      ['/admin/auth/login', 'user'],
      ['/store/products', 'product'],
      ['/store/products/merino-sweater', 'product'],
      ['/store/products/0193e9a2/reviews', 'review'],
      ['/store/products/0193e9a2/recommendations', 'recommendation'],
      ['/admin/products/batch', 'product'],
      ['/admin/inventory/adjustments', 'inventory'],
      ['/admin/reviews/export.csv', 'review'],
    ];
    for (const [path, module] of cases) {
      expect(table.some((r) => r.module === module)).toBe(true);
      expect(resolveGroup(locations, split, path), path).toBe(groupOf(split, module));
    }
    // What no module claims (the storefront's pages, the dashboard) goes where product and user are.
    expect(resolveGroup(locations, split, '/no/such/route')).toBe(split.fallback);
    expect(resolveGroup(locations, split, '/dashboard/orders')).toBe(groupOf(split, 'user'));
    expect(resolveGroup(locations, split, '/products/merino-sweater')).toBe(groupOf(split, 'product'));
  });

  it('every route of the table reaches its group through nginx locations and the Ingress, in both layouts', () => {
    for (const layout of Object.values(layouts)) {
      const locations = locationsFor(table, layout);
      const ingress = ingressFor(locations, layout, 'shop.example.com');
      for (const r of table) {
        const want = r.module === '*' ? layout.fallback : groupOf(layout, r.module);
        expect(resolveGroup(locations, layout, concrete(r.path)), `${r.method} ${r.path}`).toBe(want);
        expect(resolveIngress(ingress, concrete(r.path)), `${r.method} ${r.path}`).toBe(`tessera-${want}-api`);
      }
    }
  });

  it('refuses a layout where one path would need two groups', () => {
    const clash: RouteEntry[] = [
      { method: 'GET', path: '/store/things', module: 'product' },
      { method: 'POST', path: '/store/things', module: 'order' },
    ];
    expect(() => locationsFor(clash, layouts.split)).toThrow(/two groups/);
  });
});
