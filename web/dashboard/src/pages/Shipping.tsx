// Shipping options: where each ships and its price per currency; created, edited, retired here.
import { useState } from 'react';
import { Alert, Badge, Stack, Switch } from '@mantine/core';
import { api } from '../api.ts';
import { EditorModal, type Editing } from '../components/EditorModal.tsx';
import { money } from '../components/format.ts';
import { done, settled } from '../components/notify.ts';
import { RecordTable, type Column } from '../components/RecordTable.tsx';
import { ScreenHeader } from '../components/ScreenHeader.tsx';
import { must, useLoad } from '../components/useLoad.ts';
import { ShippingForm, type ShippingOption } from '../components/shipping/ShippingForm.tsx';

const price = (r: ShippingOption['rates'][number]) =>
  r.kind === 'by_weight'
    ? `${money(r.amount, r.currency)} + ${money(r.perKgAmount, r.currency)}/kg`
    : money(r.amount, r.currency);

const columns: Column<ShippingOption>[] = [
  { header: 'Name', cell: (o) => o.name },
  { header: 'Code', cell: (o) => o.code },
  {
    header: 'State',
    cell: (o) =>
      o.retiredAt ? (
        <Badge variant="light" c="dark.8" color="gray">
          retired
        </Badge>
      ) : (
        <Badge variant="light" c="dark.8" color={o.active ? 'green' : 'yellow'}>
          {o.active ? 'active' : 'inactive'}
        </Badge>
      ),
  },
  { header: 'Countries', cell: (o) => o.countries.join(', ') },
  {
    header: 'Prices',
    cell: (o) =>
      o.rates.map((r) => (
        <div key={r.currency}>
          {price(r)}
          {r.freeAbove !== null ? ` (free from ${money(r.freeAbove, r.currency)})` : ''}
        </div>
      )),
  },
];

export default function ShippingPage() {
  const [retired, setRetired] = useState(false);
  const [editing, setEditing] = useState<Editing<ShippingOption>>(null);
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
      <ScreenHeader
        title="Shipping options"
        create={{ label: 'New shipping option', permission: 'shipping:write', onClick: () => setEditing('new') }}
      />
      <Switch label="Show retired options" checked={retired} onChange={(e) => setRetired(e.currentTarget.checked)} />
      {list.error && <Alert color="red">{list.error}</Alert>}
      <RecordTable
        striped
        label="Shipping options"
        rows={list.data ?? []}
        rowKey={(o) => o.id}
        columns={columns}
        actions={{
          permission: 'shipping:write',
          name: (o) => o.name,
          edit: (record) => setEditing(record),
          remove: {
            verb: 'Retire',
            question: (o) => `Retire ${o.name}? Shoppers will no longer be offered it.`,
            run: retire,
          },
          fixed: (o) => o.retiredAt !== null,
        }}
      />
      <EditorModal
        editing={editing}
        onClose={() => setEditing(null)}
        title={(o) => (o ? 'Edit shipping option' : 'New shipping option')}
        size="xl"
      >
        {(o) => (
          <ShippingForm
            option={o}
            onSaved={() => {
              done('Shipping option saved');
              setEditing(null);
              list.reload();
            }}
          />
        )}
      </EditorModal>
    </Stack>
  );
}
