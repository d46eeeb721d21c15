import { query } from '../../../platform/db/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { BadRequest, Conflict } from '../../../platform/http/errors.ts';

export interface OptionSpec {
  name: string;
  values: string[];
}
export interface VariantSpec {
  sku: string;
  options?: Record<string, string>;
}

/** Every variant names a value for every option, only allowed values, and no two variants are the same combination. */
export function checkVariantOptions(
  options: OptionSpec[],
  variants: VariantSpec[],
  existing: VariantSpec[] = [],
): void {
  const names = new Set<string>();
  for (const o of options) {
    if (names.has(o.name)) throw new BadRequest(`option "${o.name}" is listed twice`);
    names.add(o.name);
  }
  const seen = new Set(existing.map((v) => comboKey(options, v.options ?? {})));
  for (const v of variants) {
    const given = v.options ?? {};
    for (const key of Object.keys(given)) {
      const option = options.find((o) => o.name === key);
      if (!option) throw new BadRequest(`variant ${v.sku}: unknown option "${key}"`);
      if (!option.values.includes(given[key]))
        throw new BadRequest(`variant ${v.sku}: "${given[key]}" is not a value of option "${key}"`);
    }
    for (const o of options)
      if (!(o.name in given)) throw new BadRequest(`variant ${v.sku}: option "${o.name}" needs a value`);
    const key = comboKey(options, given);
    if (options.length && seen.has(key))
      throw new Conflict(`variant ${v.sku}: another variant already has these options`);
    seen.add(key);
  }
}

const comboKey = (options: OptionSpec[], values: Record<string, string>) =>
  options.map((o) => values[o.name] ?? '').join('\u0000');

/** SKUs are unique across the catalog and within the request. */
export async function checkSkusFree(em: EntityManager, skus: string[], exceptVariantIds: string[] = []): Promise<void> {
  const dup = skus.find((s, i) => skus.indexOf(s) !== i);
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

export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 180);
  return slug || 'item';
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
      await query(em, `select 1 from product.${table} where handle = $1 and id is distinct from $2`, [
        h,
        exceptId ?? null,
      ])
    ).length > 0;
  if (given) {
    if (await taken(given)) throw new Conflict(`handle "${given}" is already used`);
    return given;
  }
  const base = slugify(from);
  for (let i = 0; ; i++) {
    const candidate = i === 0 ? base : `${base}-${i + 1}`;
    if (!(await taken(candidate))) return candidate;
  }
}
