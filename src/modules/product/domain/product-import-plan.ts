import type { CsvCheck } from '../../../platform/csv/index.ts';
import type { CatalogRow } from '../entities/catalog-rows.ts';
import {
  comboOf,
  differingField,
  optionNames,
  sameList,
  type ProductFields,
  type VariantRowIn,
} from './product-csv.ts';
import { variantTitle } from './variant-options.ts';

const MAX_VARIANTS = 100;
const MAX_VALUES = 100;

export interface NewVariant {
  sku: string;
  title: string;
  options: Record<string, string>;
  weightGrams: number | null;
}

/** What one handle's rows do: create a product, or change an existing one. */
export type ProductPlan =
  | {
      kind: 'create';
      handle: string;
      product: ProductFields;
      options: { name: string; values: string[] }[];
      variants: NewVariant[];
    }
  | {
      kind: 'update';
      id: string;
      product: ProductFields | null;
      /** Option values to append, by option name. */
      newValues: Map<string, string[]>;
      changedVariants: { id: string; title: string; weightGrams: number | null }[];
      newVariants: NewVariant[];
    };

export interface PlanCounts {
  created: number;
  updated: number;
  unchanged: number;
}

const record = (row: VariantRowIn) => Object.fromEntries(row.options);

/** Rows of one handle must agree on the product's fields and option names; notes each that does not. */
export function checkGroup(check: CsvCheck, rows: VariantRowIn[]): boolean {
  const [first] = rows;
  let ok = true;
  for (const row of rows.slice(1)) {
    const field = differingField(first.product, row.product);
    if (field) ok = !!check.fail(row.line, field, `differs from line ${first.line} (same handle)`);
    if (!sameList(optionNames(first), optionNames(row)))
      ok = !!check.fail(row.line, 'option1_name', `option names differ from line ${first.line} (same handle)`);
  }
  return ok;
}

/** Plans a new product from its rows; SKUs held by another product are noted. */
export function planCreate(
  check: CsvCheck,
  rows: VariantRowIn[],
  owners: Map<string, string>,
  counts: PlanCounts,
): ProductPlan {
  const [first] = rows;
  const names = optionNames(first);
  const options = names.map((name) => ({ name, values: [] as string[] }));
  const combos = new Map<string, number>();
  const variants: NewVariant[] = [];
  for (const row of rows) {
    if (owners.has(row.sku)) check.fail(row.line, 'sku', `SKU ${row.sku} belongs to product ${owners.get(row.sku)}`);
    const values = record(row);
    for (const o of options) if (!o.values.includes(values[o.name])) o.values.push(values[o.name]);
    noteCombo(check, combos, comboOf(names, values), row, names.length > 0);
    variants.push({
      sku: row.sku,
      title: variantTitle({ sku: row.sku, title: row.title ?? undefined, options: values }, first.product.title),
      options: values,
      weightGrams: row.weightGrams ?? null,
    });
  }
  checkSizes(check, first, variants.length, options);
  counts.created += rows.length;
  return { kind: 'create', handle: first.handle, product: first.product, options, variants };
}

/** Plans the changes to an existing product: its fields, option values, variants changed or added. */
export function planUpdate(
  check: CsvCheck,
  rows: VariantRowIn[],
  existing: CatalogRow,
  owners: Map<string, string>,
  counts: PlanCounts,
): ProductPlan {
  const [first] = rows;
  const names = existing.options.map((o) => o.name);
  if (!sameList(names, optionNames(first)))
    check.fail(
      first.line,
      'option1_name',
      `product ${existing.handle} has the options [${names.join(', ')}]: change options in the product editor`,
    );
  const current: ProductFields = {
    title: existing.title,
    subtitle: existing.subtitle,
    description: existing.description,
    status: existing.status,
  };
  const productChanged = differingField(current, first.product) !== undefined;
  const bySku = new Map(existing.variants.map((v) => [v.sku, v]));
  const combos = new Map(existing.variants.map((v) => [comboOf(names, v.options), 0]));
  const values = new Map(existing.options.map((o) => [o.name, [...o.values]]));
  const newValues = new Map<string, string[]>();
  const plan = {
    kind: 'update' as const,
    id: existing.id,
    product: productChanged ? first.product : null,
    newValues,
    changedVariants: [] as { id: string; title: string; weightGrams: number | null }[],
    newVariants: [] as NewVariant[],
  };
  for (const row of rows) {
    const opts = record(row);
    const variant = bySku.get(row.sku);
    if (!variant) {
      if (owners.has(row.sku)) {
        check.fail(row.line, 'sku', `SKU ${row.sku} belongs to product ${owners.get(row.sku)}`);
        continue;
      }
      for (const [name, value] of row.options) {
        const known = values.get(name);
        if (known && !known.includes(value)) {
          known.push(value);
          newValues.set(name, [...(newValues.get(name) ?? []), value]);
        }
      }
      noteCombo(check, combos, comboOf(names, opts), row, names.length > 0);
      plan.newVariants.push({
        sku: row.sku,
        title: variantTitle({ sku: row.sku, title: row.title ?? undefined, options: opts }, first.product.title),
        options: opts,
        weightGrams: row.weightGrams ?? null,
      });
      counts.created++;
      continue;
    }
    if (
      comboOf(names, variant.options) !== comboOf(names, opts) ||
      Object.keys(opts).length !== Object.keys(variant.options).length
    ) {
      check.fail(
        row.line,
        'option1_value',
        `variant ${row.sku} has other option values: an import does not change them`,
      );
      continue;
    }
    const title = row.title ?? variant.title;
    const weightGrams = row.weightGrams === undefined ? variant.weightGrams : row.weightGrams;
    if (title !== variant.title || weightGrams !== variant.weightGrams)
      plan.changedVariants.push({ id: variant.id, title, weightGrams });
    counts[
      title !== variant.title || weightGrams !== variant.weightGrams || productChanged ? 'updated' : 'unchanged'
    ]++;
  }
  checkSizes(
    check,
    first,
    existing.variants.length + plan.newVariants.length,
    [...values].map(([name, v]) => ({ name, values: v })),
  );
  return plan;
}

function noteCombo(check: CsvCheck, combos: Map<string, number>, key: string, row: VariantRowIn, hasOptions: boolean) {
  if (!hasOptions) return; // (variants of a product without options need no distinct values)
  const at = combos.get(key);
  if (at !== undefined)
    return check.fail(
      row.line,
      'option1_value',
      at ? `same option values as line ${at}` : 'another variant of this product has these option values',
    );
  combos.set(key, row.line);
}

function checkSizes(
  check: CsvCheck,
  first: VariantRowIn,
  variants: number,
  options: { name: string; values: string[] }[],
) {
  if (variants > MAX_VARIANTS)
    check.fail(first.line, 'sku', `product ${first.handle} would have ${variants} variants; at most ${MAX_VARIANTS}`);
  for (const o of options)
    if (o.values.length > MAX_VALUES)
      check.fail(first.line, 'option1_value', `option "${o.name}" would have more than ${MAX_VALUES} values`);
}
