import type { CsvCheck, CsvRow } from '../../../platform/csv/index.ts';

/**
 * The product file (ADR 0032): one row per variant, keyed by SKU; the product's own fields repeat
 * on each of its rows (grouped by handle), options as optionN_name / optionN_value pairs.
 */
export const PRODUCT_COLUMNS = {
  required: ['handle', 'title', 'status', 'sku'],
  optional: ['subtitle', 'description', 'variant_title', 'weight_grams'],
  pattern: /^option([1-9]|10)_(name|value)$/,
} as const;
export const MAX_OPTIONS = 10;
const STATUSES = ['draft', 'published'] as const;

/** Optional fields are undefined when the file has no such column: the current value is kept. */
export interface ProductFields {
  title: string;
  subtitle: string | null | undefined;
  description: string | null | undefined;
  status: (typeof STATUSES)[number];
}

/** A row read and checked on its own (its product and SKU rules come after). */
export interface VariantRowIn {
  line: number;
  handle: string;
  product: ProductFields;
  sku: string;
  title: string | null;
  weightGrams: number | null | undefined;
  /** Option name -> value, in the file's column order. */
  options: [string, string][];
}

const HANDLE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SKU = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/** Reads one row's cells into a variant row, noting every bad cell; undefined when any is bad. */
export function readVariantRow(check: CsvCheck, row: CsvRow): VariantRowIn | undefined {
  const before = check.issues.length;
  const handle = check.text(row, 'handle', {
    required: true,
    max: 200,
    pattern: HANDLE,
    hint: 'must be a lower-case slug (a-z, 0-9, -)',
  });
  const title = check.text(row, 'title', { required: true, max: 300 });
  const status = check.oneOf(row, 'status', STATUSES, { required: true });
  const sku = check.text(row, 'sku', {
    required: true,
    max: 100,
    pattern: SKU,
    hint: 'must be letters, digits and . _ / -',
  });
  const subtitle = row.has('subtitle') ? (check.text(row, 'subtitle', { max: 300 }) ?? null) : undefined;
  const description = row.has('description') ? (check.text(row, 'description', { max: 20_000 }) ?? null) : undefined;
  const variantTitle = check.text(row, 'variant_title', { max: 300 }) ?? null;
  const weight = row.has('weight_grams')
    ? (check.integer(row, 'weight_grams', { min: 0, max: 10_000_000 }) ?? null)
    : undefined;
  const options: [string, string][] = [];
  for (let n = 1; n <= MAX_OPTIONS; n++) {
    const name = check.text(row, `option${n}_name`, { max: 50 });
    const value = check.text(row, `option${n}_value`, { max: 100 });
    if (name === undefined && value === undefined) continue;
    if (name === undefined) check.fail(row.line, `option${n}_name`, 'is required when a value is given');
    else if (value === undefined) check.fail(row.line, `option${n}_value`, 'is required when a name is given');
    else if (options.some(([o]) => o === name))
      check.fail(row.line, `option${n}_name`, `option "${name}" is named twice`);
    else options.push([name, value]);
  }
  if (check.issues.length > before || !handle || !title || !status || !sku) return undefined;
  return {
    line: row.line,
    handle,
    product: { title, subtitle, description, status },
    sku,
    title: variantTitle,
    weightGrams: weight,
    options,
  };
}

/** The first field `b` states (its column is in the file) that differs from `a`. */
export function differingField(a: ProductFields, b: ProductFields): keyof ProductFields | undefined {
  return (['title', 'subtitle', 'description', 'status'] as const).find((k) => b[k] !== undefined && a[k] !== b[k]);
}

export const optionNames = (r: VariantRowIn) => r.options.map(([n]) => n);
export const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);
/** A variant's options as one comparable key (in the product's option order). */
export const comboOf = (names: readonly string[], values: Record<string, string>) =>
  names.map((n) => values[n] ?? '').join('\u0000');
