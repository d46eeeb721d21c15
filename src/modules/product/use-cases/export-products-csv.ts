import { csvLine } from '../../../platform/csv/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { PRODUCT_COLUMNS } from '../domain/product-csv.ts';
import { catalogRowsAfter, widestOptions } from '../entities/catalog-rows.ts';

const PAGE = 500;

/**
 * The catalog as CSV, a row per variant, products by handle and variants in their order, read a
 * page of products at a time; as many option column pairs as the product with the most options needs.
 */
export async function* exportProductsCsv(em: EntityManager): AsyncGenerator<string> {
  const width = await widestOptions(em);
  const pairs = Array.from({ length: width }, (_, i) => [`option${i + 1}_name`, `option${i + 1}_value`]).flat();
  yield csvLine([...PRODUCT_COLUMNS.required, ...PRODUCT_COLUMNS.optional, ...pairs]);
  let after: string | null = null;
  for (;;) {
    const products = await catalogRowsAfter(em, after, PAGE);
    let chunk = '';
    for (const p of products)
      for (const v of p.variants) {
        const options = Array.from({ length: width }, (_, i) => {
          const name = p.options[i]?.name;
          return name === undefined ? [null, null] : [name, v.options[name] ?? null];
        }).flat();
        chunk += csvLine([
          p.handle,
          p.title,
          p.status,
          v.sku,
          p.subtitle,
          p.description,
          v.title,
          v.weightGrams,
          ...options,
        ]);
      }
    yield chunk;
    if (products.length < PAGE) return;
    after = products[products.length - 1].handle;
  }
}
