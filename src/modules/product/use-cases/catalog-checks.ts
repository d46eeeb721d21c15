import { query } from '../../../platform/db/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { BadRequest, Conflict } from '../../../platform/http/errors.ts';
import { handleCandidate, slugify } from '../domain/slug.ts';
import { duplicateSku } from '../domain/variant-options.ts';

/** SKUs are unique across the catalog and within the request. */
export async function checkSkusFree(em: EntityManager, skus: string[], exceptVariantIds: string[] = []): Promise<void> {
  const dup = duplicateSku(skus);
  if (dup) throw new Conflict(`SKU ${dup} is used twice in this request`);
  if (!skus.length) return;
  const taken = await query<{ sku: string }>(
    em,
    'select sku from product.variants where sku = any($1) and not (id = any($2)) limit 1',
    [skus, exceptVariantIds],
  );
  if (taken.length) throw new Conflict(`SKU ${taken[0].sku} already exists`);
}

/** Categories and collections named by a product must exist: naming an unknown one is a 400. */
export async function checkTaxonomy(
  em: EntityManager,
  categoryIds: string[] = [],
  collectionIds: string[] = [],
): Promise<void> {
  for (const [table, ids, what] of [
    ['categories', categoryIds, 'category'],
    ['collections', collectionIds, 'collection'],
  ] as const) {
    if (!ids.length) continue;
    const found = new Set(
      (await query<{ id: string }>(em, `select id from product.${table} where id = any($1)`, [ids])).map((r) => r.id),
    );
    const missing = ids.find((id) => !found.has(id));
    if (missing)
      throw new BadRequest(`unknown ${what} ${missing}`, {
        errors: [{ field: `${what}Ids`, message: `unknown ${what} ${missing}` }],
      });
  }
}

/** A free handle: the given one must be free (409), a derived one gets a suffix until it is. */
export async function freeHandle(
  em: EntityManager,
  table: 'products' | 'categories' | 'collections',
  given: string | undefined,
  from: string,
  exceptId?: string,
): Promise<string> {
  const taken = async (h: string) =>
    (
      await query<{ taken: number }>(
        em,
        `select 1 as taken from product.${table} where handle = $1 and id is distinct from $2`,
        [h, exceptId ?? null],
      )
    ).length > 0;
  if (given) {
    if (await taken(given)) throw new Conflict(`handle "${given}" is already used`);
    return given;
  }
  const base = slugify(from);
  for (let attempt = 0; ; attempt++) {
    const candidate = handleCandidate(base, attempt);
    if (!(await taken(candidate))) return candidate;
  }
}
