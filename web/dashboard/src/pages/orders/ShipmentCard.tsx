// The order's shipments: state, carrier and tracking; ship (carrier + tracking number) and mark
// delivered when the shipment's own `actions` allow it and the staff member may fulfil orders.
import { useState } from 'react';
import { Alert, Anchor, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { paths } from '../../../../../client/index.ts';
import { api, problemMessage } from '../../api.ts';
import { Can } from '../../session.tsx';
import { formatTime } from './format.ts';
import { StatusBadge } from './OrderRow.tsx';
import type { Shipment } from './useOrder.ts';

type Carrier = paths['/admin/shipments/{id}/ship']['post']['requestBody']['content']['application/json']['carrier'];
const carriers: Carrier[] = ['manual'];
const isCarrier = (c: string | null): c is Carrier => carriers.some((x) => x === c);

function ShipForm({ shipment, onDone }: { shipment: Shipment; onDone: () => void }) {
  const [carrier, setCarrier] = useState<Carrier>('manual');
  const [tracking, setTracking] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const { data, error: e } = await api.POST('/admin/shipments/{id}/ship', {
      params: { path: { id: shipment.id } },
      body: { carrier, trackingNumber: tracking.trim() },
    });
    setBusy(false);
    if (!data) return setError(problemMessage(e, 'The shipment could not be shipped'));
    notifications.show({
      closeButtonProps: { 'aria-label': 'Dismiss' },
      color: 'green',
      message: `Shipped with tracking ${data.trackingNumber ?? ''}`,
    });
    onDone();
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="xs">
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group align="flex-end">
          <Select
            label="Carrier"
            data={carriers}
            value={carrier}
            allowDeselect={false}
            onChange={(v) => isCarrier(v) && setCarrier(v)}
          />
          <TextInput
            label="Tracking number"
            required
            maxLength={64}
            value={tracking}
            onChange={(e) => setTracking(e.currentTarget.value)}
          />
          <Button color="indigo.8" type="submit" loading={busy} disabled={!tracking.trim()}>
            Ship
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeliverButton({ shipment, onDone }: { shipment: Shipment; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const deliver = async () => {
    setBusy(true);
    const { data, error } = await api.POST('/admin/shipments/{id}/deliver', { params: { path: { id: shipment.id } } });
    setBusy(false);
    if (!data)
      notifications.show({
        closeButtonProps: { 'aria-label': 'Dismiss' },
        color: 'red',
        message: problemMessage(error, 'Could not mark delivered'),
      });
    onDone();
  };
  return (
    <Button variant="light" loading={busy} onClick={deliver}>
      Mark delivered
    </Button>
  );
}

export function ShipmentCard({ shipments, onDone }: { shipments: Shipment[]; onDone: () => void }) {
  return (
    <Card withBorder component="section" aria-label="Shipment">
      <Title order={2} size="h4" mb="xs">
        Shipment
      </Title>
      {shipments.length === 0 && <Text c="gray.7">No shipment yet (made once the order is confirmed).</Text>}
      <Stack>
        {shipments.map((s) => (
          <Stack key={s.id} gap={6}>
            <Group gap="xs">
              <StatusBadge status={s.status} subject="Shipment" />
              <Text size="sm">{s.option.name ?? s.option.code ?? 'Shipping'}</Text>
            </Group>
            {s.trackingNumber && (
              <Text size="sm">
                {s.carrier}: tracking{' '}
                {s.trackingUrl ? (
                  <Anchor c="indigo.8" href={s.trackingUrl} target="_blank" rel="noreferrer">
                    {s.trackingNumber}
                  </Anchor>
                ) : (
                  <span>{s.trackingNumber}</span>
                )}
                {s.shippedAt ? ` · shipped ${formatTime(s.shippedAt)}` : ''}
                {s.deliveredAt ? ` · delivered ${formatTime(s.deliveredAt)}` : ''}
              </Text>
            )}
            <Can permission="orders:fulfil">
              {s.actions.includes('ship') && <ShipForm shipment={s} onDone={onDone} />}
              {s.actions.includes('deliver') && <DeliverButton shipment={s} onDone={onDone} />}
            </Can>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
