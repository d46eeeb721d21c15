import { CsvCheck, CsvInvalid, readCsvTable, type ImportCounts } from '../../../platform/csv/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { PRODUCT_COLUMNS, readVariantRow, type VariantRowIn } from '../domain/product-csv.ts';
import { checkGroup, planCreate, planUpdate, type ProductPlan } from '../domain/product-import-plan.ts';
import { catalogRowsByHandle, skuOwners } from '../entities/catalog-rows.ts';
import { ProductOption } from '../entities/product-option.entity.ts';
import { Variant } from '../entities/variant.entity.ts';
import { productRuntime } from '../runtime.ts';
import { insertProduct } from './create-product.ts';
import { afterProductChange, lockProduct } from './product-writes.ts';

/**
 * A product file checked whole (cells, then the rows of each handle against each other and the
 * catalog), then applied in one transaction: a new handle is a product created, a known one is
 * changed (its fields, variants' titles and weights, variants and option values added), each
 * publishing the one product event a single edit would. Variants a file leaves out are kept.
 */
export async function importProductsCsv(
  platform: Platform,
  em: EntityManager,
  text: string,
  opts: { dryRun: boolean },
): Promise<ImportCounts & { rows: number }> {
  const table = readCsvTable(text, PRODUCT_COLUMNS);
  if (table.issues.length) throw new CsvInvalid(table.issues);
  const check = new CsvCheck();
  const seenSkus = new Map<string, number>();
  const groups = new Map<string, VariantRowIn[]>();
  for (const cells of table.rows) {
    const row = readVariantRow(check, cells);
    if (!row || !check.unique(seenSkus, row.sku, row.line, 'sku', 'this SKU is')) continue;
    groups.set(row.handle, [...(groups.get(row.handle) ?? []), row]);
  }
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const touched = await em.transactional(async (tx) => {
    const existing = new Map((await catalogRowsByHandle(tx, [...groups.keys()])).map((p) => [p.handle, p]));
    const owners = await skuOwners(tx, [...seenSkus.keys()]);
    const plans: ProductPlan[] = [];
    for (const [handle, rows] of groups) {
      if (!checkGroup(check, rows)) continue;
      const product = existing.get(handle);
      plans.push(product ? planUpdate(check, rows, product, owners, counts) : planCreate(check, rows, owners, counts));
    }
    if (check.issues.length) throw new CsvInvalid(check.issues);
    const ids: string[] = [];
    if (!opts.dryRun) for (const plan of plans) await applyPlan(platform, tx, plan, ids);
    return ids;
  });
  // (an import may move products between categories: every listing is dropped)
  if (touched.length) await productRuntime().refreshCacheAndSearch(touched, { kind: 'catalog' });
  return { rows: table.rows.length, ...counts };
}

/** Writes one product's plan; a product the file leaves as it is is not written (no event). */
async function applyPlan(platform: Platform, tx: EntityManager, plan: ProductPlan, ids: string[]) {
  if (plan.kind === 'create') {
    const { handle, product, options, variants } = plan;
    const input = {
      handle,
      ...product,
      options,
      variants: variants.map((v) => ({ sku: v.sku, title: v.title, options: v.options, weightGrams: v.weightGrams })),
    };
    ids.push(await insertProduct(platform, tx, input));
    return;
  }
  if (!plan.product && !plan.changedVariants.length && !plan.newVariants.length) return;
  const product = await lockProduct(tx, plan.id);
  if (plan.product) tx.assign(product, plan.product, { ignoreUndefined: true });
  if (plan.newValues.size)
    for (const option of await tx.find(ProductOption, {
      productId: plan.id,
      name: { $in: [...plan.newValues.keys()] },
    }))
      option.values = [...option.values, ...plan.newValues.get(option.name)!];
  for (const change of plan.changedVariants) {
    const variant = await tx.findOneOrFail(Variant, { id: change.id, productId: plan.id });
    tx.assign(variant, { title: change.title, weightGrams: change.weightGrams });
  }
  const position = await tx.count(Variant, { productId: plan.id });
  plan.newVariants.forEach((v, i) => tx.create(Variant, { productId: plan.id, ...v, position: position + i }));
  await afterProductChange(platform, tx, product);
  ids.push(plan.id);
}
