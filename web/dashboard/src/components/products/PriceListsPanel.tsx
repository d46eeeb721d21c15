// This product's prices in price lists (sales, customer-group prices): pick a list, set the
// variants' prices in it; the list's other prices are kept (the API replaces the whole set).
import { useEffect, useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { api } from '../../api.ts';
import { useLoad, write } from '../../hooks.ts';
import { useSession } from '../../session.tsx';
import { fromLocalInput } from '../CurrencyAmounts.tsx';
import { ValidityFields } from '../ValidityFields.tsx';
import { isPriceCurrency, parseAmount, toMajor, toMinor, type PriceCurrency } from './money.ts';
import { useCurrencies } from './taxonomy.ts';
import type { AdminVariant } from './types.ts';

const key = (variantId: string, currency: string) => `${variantId}:${currency}`;

function NewPriceList({ onCreated }: { onCreated(id: string): void }) {
  const [name, setName] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const create = async () => {
    const body = {
      name: name.trim(),
      startsAt: fromLocalInput(startsAt),
      endsAt: fromLocalInput(endsAt),
      prices: [],
    };
    const { data } = await write(api.POST('/admin/price-lists', { body }), 'Price list created');
    if (data) {
      setName('');
      onCreated(data.id);
    }
  };
  return (
    <Group align="end">
      <TextInput label="New price list name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
      <ValidityFields startsAt={startsAt} endsAt={endsAt} onStartsAt={setStartsAt} onEndsAt={setEndsAt} />
      <Button variant="default" onClick={create} disabled={!name.trim()}>
        Create price list
      </Button>
    </Group>
  );
}

function ListPrices({ listId, variants }: { listId: string; variants: AdminVariant[] }) {
  const editable = useSession().can('pricing:write');
  const currencies = useCurrencies();
  const detail = useLoad(() => api.GET('/admin/price-lists/{id}', { params: { path: { id: listId } } }), [listId]);
  const [amounts, setAmounts] = useState<Record<string, number | string>>({});
  const exponent = (c: string) => currencies.find((x) => x.currency === c)?.exponent ?? 2;
  const ours = new Set(variants.map((v) => v.id));
  useEffect(() => {
    const prices = detail.data?.prices ?? [];
    setAmounts(
      Object.fromEntries(
        prices
          .filter((p) => ours.has(p.variantId))
          .map((p) => [key(p.variantId, p.currency), toMajor(p.amount, exponent(p.currency))]),
      ),
    );
  }, [detail.data, currencies.length]); // (ours and exponent follow the product and currencies)

  const save = async () => {
    if (!detail.data) return;
    const prices: { variantId: string; currency: PriceCurrency; amount: number }[] = [];
    for (const p of detail.data.prices)
      if (!ours.has(p.variantId) && isPriceCurrency(p.currency))
        prices.push({ variantId: p.variantId, currency: p.currency, amount: p.amount });
    for (const v of variants)
      for (const { currency, exponent: exp } of currencies) {
        const major = parseAmount(amounts[key(v.id, currency)]);
        if (major !== undefined && isPriceCurrency(currency))
          prices.push({ variantId: v.id, currency, amount: toMinor(major, exp) });
      }
    const { ok } = await write(
      api.PATCH('/admin/price-lists/{id}', { params: { path: { id: listId } }, body: { prices } }),
      'Price list saved',
    );
    if (ok) detail.reload();
  };
  if (!detail.data) return detail.error ? <Text c="red">{detail.error}</Text> : null;
  return (
    <Stack>
      {variants.map((v) => (
        <Card key={v.id} withBorder component="section" aria-label={`List prices of ${v.sku}`}>
          <Title order={3} size="h5">
            {v.title} · {v.sku}
          </Title>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {currencies.map((c) => (
              <NumberInput
                key={c.currency}
                label={c.currency}
                min={0}
                decimalScale={c.exponent}
                disabled={!editable}
                value={amounts[key(v.id, c.currency)] ?? ''}
                onChange={(n) => setAmounts({ ...amounts, [key(v.id, c.currency)]: n })}
              />
            ))}
          </SimpleGrid>
        </Card>
      ))}
      {editable && (
        <Group>
          <Button onClick={save}>Save list prices</Button>
        </Group>
      )}
    </Stack>
  );
}

export function PriceListsPanel({ variants }: { variants: AdminVariant[] }) {
  const editable = useSession().can('pricing:write');
  const [version, setVersion] = useState(0);
  const lists = useLoad(() => api.GET('/admin/price-lists', { params: { query: { limit: 100 } } }), [version]);
  const [listId, setListId] = useState<string | null>(null);
  const chosen = lists.data?.items.find((l) => l.id === listId);
  return (
    <Stack>
      <Group align="end">
        <Select
          label="Price list"
          placeholder={lists.data?.items.length ? 'Pick a list' : 'No price list yet'}
          data={(lists.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
          value={listId}
          onChange={setListId}
        />
        {chosen && (
          <Badge color={chosen.status === 'active' ? 'green' : 'gray'} variant="light">
            {chosen.status}
          </Badge>
        )}
      </Group>
      {listId && <ListPrices key={listId} listId={listId} variants={variants} />}
      {lists.error && <Text c="red">{lists.error}</Text>}
      {editable && (
        <NewPriceList
          onCreated={(id) => {
            setVersion((n) => n + 1);
            setListId(id);
          }}
        />
      )}
    </Stack>
  );
}
