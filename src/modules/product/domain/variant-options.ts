import { BadRequest, Conflict } from '../../../platform/http/errors.ts';

export interface OptionSpec {
  name: string;
  values: string[];
}
export interface VariantSpec {
  sku: string;
  title?: string;
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

/** A variant without a title is named by its option values, or else after its product. */
export const variantTitle = (v: VariantSpec, productTitle: string) =>
  v.title ?? (Object.values(v.options ?? {}).join(' / ') || productTitle);

/** SKUs are unique within one request (the catalog's uniqueness is checked against the database). */
export function duplicateSku(skus: string[]): string | undefined {
  return skus.find((s, i) => skus.indexOf(s) !== i);
}
