// Shipping options: where each ships and its price per currency; created, edited, retired here.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Stack, Switch, Table, Title } from '@mantine/core';
import { api } from '../api.ts';
import { Can } from '../session.tsx';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { money } from '../components/format.ts';
import { done, settled } from '../components/notify.ts';
import { must, useLoad } from '../components/useLoad.ts';
import { ShippingForm, type ShippingOption } from '../components/shipping/ShippingForm.tsx';

const price = (r: ShippingOption['rates'][number]) =>
  r.kind === 'by_weight'
    ? `${money(r.amount, r.currency)} + ${money(r.perKgAmount, r.currency)}/kg`
    : money(r.amount, r.currency);

export default function ShippingPage() {
  const [retired, setRetired] = useState(false);
  const [editing, setEditing] = useState<ShippingOption | 'new' | null>(null);
  const list = useLoad(
    async () =>
      must(await api.GET('/admin/shipping-options', { params: { query: { includeRetired: retired } } })).items,
    [retired],
  );
  const retire = async (o: ShippingOption) => {
    if (settled(await api.DELETE('/admin/shipping-options/{id}', { params: { path: { id: o.id } } }), 'Retiring')) {
      done(`${o.name} retired`);
      list.reload();
    }
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Shipping options</Title>
        <Can permission="shipping:write">
          <Button onClick={() => setEditing('new')}>New shipping option</Button>
        </Can>
      </Group>
      <Switch label="Show retired options" checked={retired} onChange={(e) => setRetired(e.currentTarget.checked)} />
      {list.error && <Alert color="red">{list.error}</Alert>}
      <Table striped aria-label="Shipping options">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Code</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Countries</Table.Th>
            <Table.Th>Prices</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td>{o.name}</Table.Td>
              <Table.Td>{o.code}</Table.Td>
              <Table.Td>
                {o.retiredAt ? (
                  <Badge variant="light" c="dark.8" color="gray">
                    retired
                  </Badge>
                ) : (
                  <Badge variant="light" c="dark.8" color={o.active ? 'green' : 'yellow'}>
                    {o.active ? 'active' : 'inactive'}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{o.countries.join(', ')}</Table.Td>
              <Table.Td>
                {o.rates.map((r) => (
                  <div key={r.currency}>
                    {price(r)}
                    {r.freeAbove !== null ? ` (free from ${money(r.freeAbove, r.currency)})` : ''}
                  </div>
                ))}
              </Table.Td>
              <Table.Td>
                {!o.retiredAt && (
                  <Can permission="shipping:write">
                    <Group gap="xs">
                      <Button size="xs" variant="light" onClick={() => setEditing(o)} aria-label={`Edit ${o.name}`}>
                        Edit
                      </Button>
                      <ConfirmButton
                        question={`Retire ${o.name}? Shoppers will no longer be offered it.`}
                        confirmLabel="Retire"
                        onConfirm={() => retire(o)}
                        aria-label={`Retire ${o.name}`}
                      >
                        Retire
                      </ConfirmButton>
                    </Group>
                  </Can>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New shipping option' : 'Edit shipping option'}
        size="xl"
      >
        {editing !== null && (
          <ShippingForm
            option={editing === 'new' ? undefined : editing}
            onSaved={() => {
              done('Shipping option saved');
              setEditing(null);
              list.reload();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
