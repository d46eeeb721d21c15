// Base prices per variant and currency (PUT /admin/prices/:variantId replaces the variant's set).
// A variant just created reaches the pricing module by an event: its prices load once it has.
import { useEffect, useState } from 'react';
import { Button, Card, Group, Loader, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { api } from '../../api.ts';
import { useLoad, write } from '../../hooks.ts';
import { useSession } from '../../session.tsx';
import { isPriceCurrency, parseAmount, toMajor, toMinor, type PriceCurrency } from './money.ts';
import { useCurrencies } from './taxonomy.ts';
import type { AdminVariant } from './types.ts';

type Amounts = Record<string, number | string>;

function VariantPrices({ variant }: { variant: AdminVariant }) {
  const editable = useSession().can('pricing:write');
  const currencies = useCurrencies();
  const path = { variantId: variant.id };
  const prices = useLoad(
    () => api.GET('/admin/prices/{variantId}', { params: { path } }),
    [variant.id],
    (r) => r.status === 404,
  );
  const [amounts, setAmounts] = useState<Amounts>({});
  const exponent = (c: string) => currencies.find((x) => x.currency === c)?.exponent ?? 2;
  useEffect(() => {
    if (prices.data)
      setAmounts(
        Object.fromEntries(prices.data.prices.map((p) => [p.currency, toMajor(p.amount, exponent(p.currency))])),
      );
  }, [prices.data, currencies.length]); // (exponent reads currencies)

  const save = async () => {
    const list: { currency: PriceCurrency; amount: number }[] = [];
    for (const { currency, exponent } of currencies) {
      const major = parseAmount(amounts[currency]);
      if (major !== undefined && isPriceCurrency(currency)) list.push({ currency, amount: toMinor(major, exponent) });
    }
    const body = { prices: list };
    const { ok } = await write(
      api.PUT('/admin/prices/{variantId}', { params: { path }, body }),
      `Prices of ${variant.sku} saved`,
    );
    if (ok) prices.reload();
  };
  return (
    <Card withBorder component="section" aria-label={`Prices of ${variant.sku}`}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {variant.title} · {variant.sku}
        </Title>
        {!prices.data ? (
          prices.loading ? (
            <Group gap="xs">
              <Loader size="xs" aria-label="Loading prices" />
              <Text size="sm">Loading prices…</Text>
            </Group>
          ) : (
            <Text c="red">{prices.error}</Text>
          )
        ) : (
          <>
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              {currencies.map((c) => (
                <NumberInput
                  key={c.currency}
                  label={c.currency}
                  min={0}
                  decimalScale={c.exponent}
                  fixedDecimalScale={false}
                  disabled={!editable}
                  value={amounts[c.currency] ?? ''}
                  onChange={(n) => setAmounts({ ...amounts, [c.currency]: n })}
                />
              ))}
            </SimpleGrid>
            {editable && (
              <Group>
                <Button size="xs" onClick={save}>
                  Save prices
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

export function PricesPanel({ variants }: { variants: AdminVariant[] }) {
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Prices in major units (12.50 EUR); an empty field means no price in that currency.
      </Text>
      {variants.map((v) => (
        <VariantPrices key={v.id} variant={v} />
      ))}
    </Stack>
  );
}
