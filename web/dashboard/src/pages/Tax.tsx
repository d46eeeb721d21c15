// Tax rates per country (basis points, up to two decimals: 19 % is 1900, 8.875 % is 887.5). Setting
// a country's rate creates or replaces it; the table is the whole list the checkout applies.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, NumberInput, Stack, Table, TextInput, Title } from '@mantine/core';
import { api } from '../api.ts';
import { Can } from '../session.tsx';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { dateTime } from '../components/format.ts';
import { done, settled } from '../components/notify.ts';
import { must, useLoad } from '../components/useLoad.ts';

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
  const edit = (r: { countryCode: string; name: string | null; rateBps: number }) => {
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
      <Table striped aria-label="Tax rates">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Country</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Rate</Table.Th>
            <Table.Th>Updated</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rates.data ?? []).map((r) => (
            <Table.Tr key={r.countryCode}>
              <Table.Td>{r.countryCode}</Table.Td>
              <Table.Td>{r.name ?? '—'}</Table.Td>
              <Table.Td>{r.rateBps / 100} %</Table.Td>
              <Table.Td>{dateTime(r.updatedAt)}</Table.Td>
              <Table.Td>
                <Can permission="pricing:write">
                  <Group gap="xs">
                    <Button size="xs" variant="light" onClick={() => edit(r)} aria-label={`Edit ${r.countryCode}`}>
                      Edit
                    </Button>
                    <ConfirmButton
                      question={`Delete the rate of ${r.countryCode}?`}
                      confirmLabel="Delete"
                      onConfirm={() => remove(r.countryCode)}
                      aria-label={`Delete ${r.countryCode}`}
                    >
                      Delete
                    </ConfirmButton>
                  </Group>
                </Can>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
