// Stock per variant and location: levels, adjustments (a change, or a counted figure) with a
// reason, and their history. A new variant's stock record is made by the inventory module when
// it hears of the product: the panel waits for it.
import { useState } from 'react';
import {
  Button,
  Card,
  Group,
  Loader,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { api } from '../../api.ts';
import { useLoad, write } from '../../hooks.ts';
import { parseAmount } from './money.ts';
import { useSession } from '../../session.tsx';
import type { AdminVariant } from './types.ts';

const reasons = ['received', 'correction', 'damaged', 'returned', 'cycle_count', 'other'] as const;
type Reason = (typeof reasons)[number];
const isReason = (r: string | null): r is Reason => (reasons as readonly (string | null)[]).includes(r);

function History({ variantId, version }: { variantId: string; version: number }) {
  const history = useLoad(
    () =>
      api.GET('/admin/inventory/{variantId}/adjustments', { params: { path: { variantId }, query: { limit: 20 } } }),
    [variantId, version],
  );
  if (!history.data?.items.length)
    return (
      <Text size="sm" c="dimmed">
        No adjustment yet.
      </Text>
    );
  return (
    <Table aria-label="Adjustment history" fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>When</Table.Th>
          <Table.Th>Reason</Table.Th>
          <Table.Th>Change</Table.Th>
          <Table.Th>On hand</Table.Th>
          <Table.Th>Note</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {history.data.items.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>{new Date(a.createdAt).toLocaleString()}</Table.Td>
            <Table.Td>{a.kind === 'commit' ? 'shipped' : a.reason}</Table.Td>
            <Table.Td>{a.delta > 0 ? `+${a.delta}` : a.delta}</Table.Td>
            <Table.Td>
              {a.onHandBefore} → {a.onHandAfter}
            </Table.Td>
            <Table.Td>{a.note}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function VariantStock({ variant }: { variant: AdminVariant }) {
  const canAdjust = useSession().can('stock:adjust');
  const path = { variantId: variant.id };
  const stock = useLoad(
    () => api.GET('/admin/inventory/{variantId}', { params: { path } }),
    [variant.id],
    (r) => r.status === 404,
  );
  const [mode, setMode] = useState<'delta' | 'onHand'>('delta');
  const [locationId, setLocationId] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | string>('');
  const amount = parseAmount(quantity);
  const [reason, setReason] = useState<Reason>('received');
  const [note, setNote] = useState('');
  const [version, setVersion] = useState(0);
  const levels = stock.data?.levels ?? [];
  const location = locationId ?? levels[0]?.locationId ?? null;

  const adjust = async () => {
    if (!location || amount === undefined) return;
    const body = {
      locationId: location,
      reason,
      ...(mode === 'delta' ? { delta: amount } : { onHand: amount }),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const { ok } = await write(
      api.POST('/admin/inventory/{variantId}/adjustments', { params: { path }, body }),
      `Stock of ${variant.sku} adjusted`,
    );
    if (ok) {
      setQuantity('');
      setNote('');
      stock.reload();
      setVersion((v) => v + 1);
    }
  };
  return (
    <Card withBorder component="section" aria-label={`Stock of ${variant.sku}`}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {variant.title} · {variant.sku}
          {stock.data && ` — ${stock.data.available} available`}
        </Title>
        {!stock.data ? (
          stock.loading ? (
            <Group gap="xs">
              <Loader size="xs" aria-label="Loading stock" />
              <Text size="sm">Loading stock…</Text>
            </Group>
          ) : (
            <Text c="red">{stock.error}</Text>
          )
        ) : (
          <>
            <Table aria-label="Stock per location">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Location</Table.Th>
                  <Table.Th>On hand</Table.Th>
                  <Table.Th>Reserved</Table.Th>
                  <Table.Th>Available</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {levels.map((l) => (
                  <Table.Tr key={l.locationId}>
                    <Table.Td>{l.locationName}</Table.Td>
                    <Table.Td>{l.onHand}</Table.Td>
                    <Table.Td>{l.reserved}</Table.Td>
                    <Table.Td>{l.available}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {canAdjust && !stock.data.deleted && (
              <Group align="end">
                <Select
                  label="Location"
                  data={levels.map((l) => ({ value: l.locationId, label: l.locationName }))}
                  value={location}
                  onChange={setLocationId}
                  allowDeselect={false}
                />
                <SegmentedControl
                  aria-label="Kind of adjustment"
                  value={mode}
                  onChange={(v) => setMode(v === 'onHand' ? 'onHand' : 'delta')}
                  data={[
                    { value: 'delta', label: 'Add or remove' },
                    { value: 'onHand', label: 'Set counted' },
                  ]}
                />
                <NumberInput
                  label={mode === 'delta' ? 'Change' : 'Counted on hand'}
                  allowDecimal={false}
                  value={quantity}
                  onChange={setQuantity}
                  w={140}
                />
                <Select
                  label="Reason"
                  data={[...reasons]}
                  value={reason}
                  onChange={(r) => isReason(r) && setReason(r)}
                  allowDeselect={false}
                />
                <TextInput label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
                <Button onClick={adjust} disabled={amount === undefined || !location}>
                  Adjust stock
                </Button>
              </Group>
            )}
            <History variantId={variant.id} version={version} />
          </>
        )}
      </Stack>
    </Card>
  );
}

export function StockPanel({ variants }: { variants: AdminVariant[] }) {
  return (
    <Stack>
      {variants.map((v) => (
        <VariantStock key={v.id} variant={v} />
      ))}
    </Stack>
  );
}
