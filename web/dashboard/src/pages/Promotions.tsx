// Promotions: codes and automatic discounts, percentage or fixed per currency, with their limits
// and dates; created, edited and deleted here by staff who hold promotions:write.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { api } from '../api.ts';
import { Can } from '../session.tsx';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { dateTime, money } from '../components/format.ts';
import { done, settled } from '../components/notify.ts';
import { must, useLoad } from '../components/useLoad.ts';
import { PromotionForm, type Promotion } from '../components/promotions/PromotionForm.tsx';

const value = (p: Promotion) =>
  p.kind === 'percentage' && p.percentBps
    ? `${p.percentBps / 100} %`
    : p.amounts.map((a) => money(a.amount, a.currency)).join(' · ');

export default function PromotionsPage() {
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Promotion | 'new' | null>(null);
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
      <Group justify="space-between">
        <Title order={1}>Promotions</Title>
        <Can permission="promotions:write">
          <Button onClick={() => setEditing('new')}>New promotion</Button>
        </Can>
      </Group>
      <TextInput
        label="Search"
        placeholder="Name or code"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maw={320}
      />
      {list.error && <Alert color="red">{list.error}</Alert>}
      <Table striped highlightOnHover aria-label="Promotions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Code</Table.Th>
            <Table.Th>Discount</Table.Th>
            <Table.Th>Used</Table.Th>
            <Table.Th>Starts</Table.Th>
            <Table.Th>Ends</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.name}</Table.Td>
              <Table.Td>
                {p.code ?? (
                  <Badge variant="light" c="dark.8">
                    automatic
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{value(p)}</Table.Td>
              <Table.Td>
                {p.usageCount}
                {p.usageLimit ? ` / ${p.usageLimit}` : ''}
              </Table.Td>
              <Table.Td>{dateTime(p.startsAt)}</Table.Td>
              <Table.Td>{dateTime(p.endsAt)}</Table.Td>
              <Table.Td>
                <Can permission="promotions:write">
                  <Group gap="xs">
                    <Button size="xs" variant="light" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}>
                      Edit
                    </Button>
                    <ConfirmButton
                      question={`Delete ${p.name}?`}
                      confirmLabel="Delete"
                      onConfirm={() => remove(p)}
                      aria-label={`Delete ${p.name}`}
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
      {list.data && list.data.items.length === 0 && <Text c="dimmed">No promotions.</Text>}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New promotion' : 'Edit promotion'}
        size="lg"
      >
        {editing !== null && (
          <PromotionForm
            promotion={editing === 'new' ? undefined : editing}
            onSaved={() => {
              done('Promotion saved');
              setEditing(null);
              list.reload();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
