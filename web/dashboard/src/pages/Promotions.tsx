// Promotions: codes and automatic discounts, percentage or fixed per currency, with their limits
// and dates; created, edited and deleted here by staff who hold promotions:write.
import { useState } from 'react';
import { Alert, Badge, Stack, Text, TextInput } from '@mantine/core';
import { api } from '../api.ts';
import { EditorModal, type Editing } from '../components/EditorModal.tsx';
import { dateTime, money } from '../components/format.ts';
import { done, settled } from '../components/notify.ts';
import { RecordTable, type Column } from '../components/RecordTable.tsx';
import { ScreenHeader } from '../components/ScreenHeader.tsx';
import { must, useLoad } from '../components/useLoad.ts';
import { PromotionForm, type Promotion } from '../components/promotions/PromotionForm.tsx';

const columns: Column<Promotion>[] = [
  { header: 'Name', cell: (p) => p.name },
  {
    header: 'Code',
    cell: (p) =>
      p.code ?? (
        <Badge variant="light" c="dark.8">
          automatic
        </Badge>
      ),
  },
  {
    header: 'Discount',
    cell: (p) =>
      p.kind === 'percentage' && p.percentBps
        ? `${p.percentBps / 100} %`
        : p.amounts.map((a) => money(a.amount, a.currency)).join(' · '),
  },
  { header: 'Used', cell: (p) => `${p.usageCount}${p.usageLimit ? ` / ${p.usageLimit}` : ''}` },
  { header: 'Starts', cell: (p) => dateTime(p.startsAt) },
  { header: 'Ends', cell: (p) => dateTime(p.endsAt) },
];

export default function PromotionsPage() {
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Editing<Promotion>>(null);
  const list = useLoad(
    async () => must(await api.GET('/admin/promotions', { params: { query: { limit: 100, q: q || undefined } } })),
    [q],
  );
  const remove = async (p: Promotion) => {
    if (settled(await api.DELETE('/admin/promotions/{id}', { params: { path: { id: p.id } } }), 'Deleting')) {
      done(`Promotion ${p.name} deleted`);
      list.reload();
    }
  };
  return (
    <Stack>
      <ScreenHeader
        title="Promotions"
        create={{ label: 'New promotion', permission: 'promotions:write', onClick: () => setEditing('new') }}
      />
      <TextInput
        label="Search"
        placeholder="Name or code"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maw={320}
      />
      {list.error && <Alert color="red">{list.error}</Alert>}
      <RecordTable
        striped
        highlightOnHover
        label="Promotions"
        rows={list.data?.items ?? []}
        rowKey={(p) => p.id}
        columns={columns}
        actions={{
          permission: 'promotions:write',
          name: (p) => p.name,
          edit: (record) => setEditing(record),
          remove: { verb: 'Delete', question: (p) => `Delete ${p.name}?`, run: remove },
        }}
      />
      {list.data && list.data.items.length === 0 && <Text c="dimmed">No promotions.</Text>}
      <EditorModal
        editing={editing}
        onClose={() => setEditing(null)}
        title={(p) => (p ? 'Edit promotion' : 'New promotion')}
        size="lg"
      >
        {(p) => (
          <PromotionForm
            promotion={p}
            onSaved={() => {
              done('Promotion saved');
              setEditing(null);
              list.reload();
            }}
          />
        )}
      </EditorModal>
    </Stack>
  );
}
