// Amounts per currency typed in major units (12.50) and kept as integer minor units (1250): one
// number field per currency, empty meaning "none in that currency".
import { Group, NumberInput } from '@mantine/core';
import { currencies, toMajor, toMinor, type Currency } from './format.ts';

export type Amounts = Partial<Record<Currency, number>>;

export function CurrencyAmounts(props: { label: string; value: Amounts; onChange(next: Amounts): void; min?: number }) {
  return (
    <Group grow align="flex-start" role="group" aria-label={props.label}>
      {currencies.map((c) => (
        <NumberInput
          key={c}
          label={`${props.label} (${c})`}
          min={props.min ?? 0}
          decimalScale={c === 'JPY' ? 0 : 2}
          value={props.value[c] === undefined ? '' : toMajor(props.value[c], c)}
          onChange={(v) => {
            const minor = v === '' ? null : toMinor(v, c);
            const next = { ...props.value };
            if (minor === null) delete next[c];
            else next[c] = minor;
            props.onChange(next);
          }}
        />
      ))}
    </Group>
  );
}

export const toList = (a: Amounts) =>
  currencies.flatMap((currency) => (a[currency] === undefined ? [] : [{ currency, amount: a[currency] }]));

export function fromList(list: { currency: string; amount: number }[]): Amounts {
  const out: Amounts = {};
  for (const { currency, amount } of list) {
    const c = currencies.find((x) => x === currency);
    if (c) out[c] = amount;
  }
  return out;
}

/** An ISO instant for a datetime-local field (the staff member's own clock) and back to UTC ISO. */
export const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
export const fromLocalInput = (v: string) => (v ? new Date(v).toISOString() : null);
