// Create or edit a shipping option: where it ships and its price in each currency (flat, or by
// weight per started kilogram, optionally free above a subtotal). Amounts are typed in major units
// and sent as integer minor units.
import { useState } from 'react';
import { Group, NumberInput, Select, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import type { paths } from '../../../../../client/index.ts';
import { api, problemMessage } from '../../api.ts';
import { SubmitForm } from '../SubmitForm.tsx';
import { currencies, toMajor, toMinor, type Currency } from '../format.ts';

export type ShippingOption =
  paths['/admin/shipping-options/{id}']['get']['responses'][200]['content']['application/json'];
type Kind = 'flat' | 'by_weight';
interface RateDraft {
  kind: Kind;
  amount: number | string;
  perKg: number | string;
  freeAbove: number | string;
}
const blank: RateDraft = { kind: 'flat', amount: '', perKg: '', freeAbove: '' };

function drafts(option?: ShippingOption): Record<Currency, RateDraft> {
  const out = { EUR: blank, USD: blank, GBP: blank, JPY: blank };
  for (const c of currencies) {
    const r = option?.rates.find((x) => x.currency === c);
    if (r)
      out[c] = {
        kind: r.kind === 'by_weight' ? 'by_weight' : 'flat',
        amount: toMajor(r.amount, c),
        perKg: toMajor(r.perKgAmount, c),
        freeAbove: r.freeAbove === null ? '' : toMajor(r.freeAbove, c),
      };
  }
  return out;
}

export function ShippingForm({ option, onSaved }: { option?: ShippingOption; onSaved(): void }) {
  const [code, setCode] = useState(option?.code ?? '');
  const [name, setName] = useState(option?.name ?? '');
  const [active, setActive] = useState(option?.active ?? true);
  const [countries, setCountries] = useState<string[]>(option?.countries ?? []);
  const [tracking, setTracking] = useState(option?.trackingUrlTemplate ?? '');
  const [rates, setRates] = useState(drafts(option));
  const setRate = (c: Currency, patch: Partial<RateDraft>) => setRates((r) => ({ ...r, [c]: { ...r[c], ...patch } }));

  const submit = async () => {
    const minor = (v: number | string, c: Currency) => (v === '' ? null : toMinor(v, c));
    const body = {
      code,
      name,
      active,
      countries: countries.map((c) => c.trim().toUpperCase()),
      trackingUrlTemplate: tracking.trim() || null,
      rates: currencies.flatMap((currency) => {
        const r = rates[currency];
        const amount = minor(r.amount, currency);
        if (amount === null) return [];
        return [
          {
            currency,
            kind: r.kind,
            amount,
            ...(r.kind === 'by_weight' ? { perKgAmount: minor(r.perKg, currency) ?? 0 } : {}),
            freeAbove: minor(r.freeAbove, currency),
          },
        ];
      }),
    };
    const { error: problem } = option
      ? await api.PATCH('/admin/shipping-options/{id}', { params: { path: { id: option.id } }, body })
      : await api.POST('/admin/shipping-options', { body });
    if (problem) return problemMessage(problem, 'The shipping option was not saved');
    onSaved();
    return null;
  };

  return (
    <SubmitForm submitLabel={option ? 'Save shipping option' : 'Create shipping option'} onSubmit={submit}>
      <Group grow>
        <TextInput label="Code" required value={code} onChange={(e) => setCode(e.currentTarget.value)} />
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
      </Group>
      <Switch label="Offered to shoppers" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
      <TagsInput
        label="Countries"
        description="ISO codes (DE, FR…); Enter after each"
        value={countries}
        onChange={setCountries}
      />
      <TextInput
        label="Tracking URL template"
        description="With {trackingNumber}; empty for the default tracking page"
        value={tracking}
        onChange={(e) => setTracking(e.currentTarget.value)}
      />
      <Text fw={600}>Prices (leave the amount empty where it is not offered)</Text>
      {currencies.map((c) => (
        <Group key={c} grow align="flex-end" role="group" aria-label={`Price in ${c}`}>
          <Select
            label={`Pricing (${c})`}
            value={rates[c].kind}
            allowDeselect={false}
            data={[
              { value: 'flat', label: 'Flat' },
              { value: 'by_weight', label: 'By weight' },
            ]}
            onChange={(v) => setRate(c, { kind: v === 'by_weight' ? 'by_weight' : 'flat' })}
          />
          <NumberInput
            label={`Amount (${c})`}
            min={0}
            decimalScale={c === 'JPY' ? 0 : 2}
            value={rates[c].amount}
            onChange={(v) => setRate(c, { amount: v })}
          />
          <NumberInput
            label={`Per kg (${c})`}
            min={0}
            disabled={rates[c].kind !== 'by_weight'}
            decimalScale={c === 'JPY' ? 0 : 2}
            value={rates[c].perKg}
            onChange={(v) => setRate(c, { perKg: v })}
          />
          <NumberInput
            label={`Free above (${c})`}
            min={0}
            decimalScale={c === 'JPY' ? 0 : 2}
            value={rates[c].freeAbove}
            onChange={(v) => setRate(c, { freeAbove: v })}
          />
        </Group>
      ))}
    </SubmitForm>
  );
}
