// Options (Size: S, M, L) and the variants made of them (a SKU and one value per option), for a new product.
import { ActionIcon, Button, Fieldset, Group, NumberInput, Select, Stack, TagsInput, TextInput } from '@mantine/core';

export interface OptionDraft {
  name: string;
  values: string[];
}
export interface VariantDraft {
  sku: string;
  options: Record<string, string>;
  weightGrams: number | '';
}

export const newVariant = (): VariantDraft => ({ sku: '', options: {}, weightGrams: '' });

/** The API's shape: options with a name and values; variants with their options and weight when given. */
export function variantsBody(options: OptionDraft[], variants: VariantDraft[]) {
  const named = options.filter((o) => o.name.trim() && o.values.length);
  return {
    options: named.map((o) => ({ name: o.name.trim(), values: o.values })),
    variants: variants.map((v) => ({
      sku: v.sku.trim(),
      options: Object.fromEntries(
        named.filter((o) => v.options[o.name]).map((o) => [o.name.trim(), v.options[o.name]]),
      ),
      ...(v.weightGrams === '' ? {} : { weightGrams: v.weightGrams }),
    })),
  };
}

export function VariantsEditor({
  options,
  variants,
  onOptions,
  onVariants,
}: {
  options: OptionDraft[];
  variants: VariantDraft[];
  onOptions(next: OptionDraft[]): void;
  onVariants(next: VariantDraft[]): void;
}) {
  const setOption = (i: number, patch: Partial<OptionDraft>) =>
    onOptions(options.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  const setVariant = (i: number, patch: Partial<VariantDraft>) =>
    onVariants(variants.map((v, j) => (j === i ? { ...v, ...patch } : v)));
  return (
    <Stack>
      <Fieldset legend="Options">
        <Stack gap="xs">
          {options.map((o, i) => (
            <Group key={i} align="end">
              <TextInput
                label={`Option ${i + 1} name`}
                placeholder="Size"
                value={o.name}
                onChange={(e) => setOption(i, { name: e.currentTarget.value })}
              />
              <TagsInput
                label={`Option ${i + 1} values`}
                placeholder="Type a value, then Enter"
                value={o.values}
                onChange={(values) => setOption(i, { values })}
                style={{ flex: 1 }}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={`Remove option ${i + 1}`}
                onClick={() => onOptions(options.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button variant="default" size="xs" onClick={() => onOptions([...options, { name: '', values: [] }])}>
              Add option
            </Button>
          </Group>
        </Stack>
      </Fieldset>
      <Fieldset legend="Variants">
        <Stack gap="xs">
          {variants.map((v, i) => (
            <Group key={i} align="end">
              <TextInput
                label={`Variant ${i + 1} SKU`}
                required
                value={v.sku}
                onChange={(e) => setVariant(i, { sku: e.currentTarget.value })}
              />
              {options
                .filter((o) => o.name.trim())
                .map((o) => (
                  <Select
                    key={o.name}
                    label={`Variant ${i + 1} ${o.name}`}
                    data={o.values}
                    value={v.options[o.name] ?? null}
                    onChange={(value) => setVariant(i, { options: { ...v.options, [o.name]: value ?? '' } })}
                  />
                ))}
              <NumberInput
                label={`Variant ${i + 1} weight (g)`}
                min={0}
                allowDecimal={false}
                value={v.weightGrams}
                onChange={(n) => setVariant(i, { weightGrams: typeof n === 'number' ? n : '' })}
                w={140}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={`Remove variant ${i + 1}`}
                disabled={variants.length === 1}
                onClick={() => onVariants(variants.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button variant="default" size="xs" onClick={() => onVariants([...variants, newVariant()])}>
              Add variant
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </Stack>
  );
}
