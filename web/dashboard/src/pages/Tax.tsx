// Tax rates per country (basis points, up to two decimals: 19 % is 1900, 8.875 % is 887.5). Setting
// a country's rate creates or replaces it; the table is the whole list the checkout applies.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, NumberInput, Stack, TextInput, Title } from '@mantine/core';
import type { paths } from '../../../../client/index.ts';
import { api } from '../api.ts';
import { Can } from '../session.tsx';
import { dateTime } from '../components/format.ts';
import { done, settled } from '../components/notify.ts';
import { RecordTable, type Column } from '../components/RecordTable.tsx';
import { must, useLoad } from '../components/useLoad.ts';

type TaxRate = paths['/admin/tax-rates']['get']['responses'][200]['content']['application/json']['items'][number];

const columns: Column<TaxRate>[] = [
  { header: 'Country', cell: (r) => r.countryCode },
  { header: 'Name', cell: (r) => r.name ?? '—' },
  { header: 'Rate', cell: (r) => `${r.rateBps / 100} %` },
  { header: 'Updated', cell: (r) => dateTime(r.updatedAt) },
];

export default function TaxPage() {
  const rates = useLoad(async () => must(await api.GET('/admin/tax-rates')).items, []);
  const [country, setCountry] = useState('');
  const [name, setName] = useState('');
  const [rate, setRate] = useState<number | string>('');
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const countryCode = country.trim().toUpperCase();
    const answer = await api.PUT('/admin/tax-rates/{countryCode}', {
      params: { path: { countryCode } },
      body: { rateBps: Math.round(Number(rate) * 10_000) / 100, name: name.trim() || null },
    });
    if (settled(answer, 'Saving the rate')) {
      done(`Tax rate for ${countryCode} saved`);
      setCountry('');
      setName('');
      setRate('');
      rates.reload();
    }
  };
  const edit = (r: TaxRate) => {
    setCountry(r.countryCode);
    setName(r.name ?? '');
    setRate(r.rateBps / 100);
  };
  const remove = async (countryCode: string) => {
    const answer = await api.DELETE('/admin/tax-rates/{countryCode}', { params: { path: { countryCode } } });
    if (settled(answer, 'Deleting the rate')) rates.reload();
  };
  return (
    <Stack>
      <Title order={1}>Tax rates</Title>
      {rates.error && <Alert color="red">{rates.error}</Alert>}
      <Can permission="pricing:write">
        <form onSubmit={save} aria-label="Set a tax rate">
          <Group align="flex-end">
            <TextInput
              label="Country code"
              description="ISO 3166-1, e.g. DE"
              required
              maxLength={2}
              w={140}
              value={country}
              onChange={(e) => setCountry(e.currentTarget.value)}
            />
            <TextInput label="Name" placeholder="VAT" value={name} onChange={(e) => setName(e.currentTarget.value)} />
            <NumberInput
              label="Rate (%)"
              required
              min={0}
              max={100}
              decimalScale={4}
              w={140}
              value={rate}
              onChange={setRate}
            />
            <Button type="submit">Save rate</Button>
          </Group>
        </form>
      </Can>
      <RecordTable
        striped
        label="Tax rates"
        rows={rates.data ?? []}
        rowKey={(r) => r.countryCode}
        columns={columns}
        actions={{
          permission: 'pricing:write',
          name: (r) => r.countryCode,
          edit,
          remove: {
            verb: 'Delete',
            question: (r) => `Delete the rate of ${r.countryCode}?`,
            run: (r) => remove(r.countryCode),
          },
        }}
      />
    </Stack>
  );
}
