// Cancel and refund, each behind its permission (staff without it never see the button). A refund
// is typed in major units and sent in minor units; full sends no amount (the server refunds what
// is left).
import { useState } from 'react';
import { Alert, Button, Group, Modal, Radio, Stack, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { api, problemMessage } from '../../api.ts';
import { Can } from '../../session.tsx';
import { formatMoney, toMajorText, toMinor } from './format.ts';
import type { Order } from './useOrder.ts';

function CancelButton({ order, onDone }: { order: Order; onDone: () => void }) {
  const [opened, { open, close }] = useDisclosure();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const { data, error: e } = await api.POST('/admin/orders/{id}/cancel', {
      params: { path: { id: order.id } },
      body: reason.trim() ? { reason: reason.trim() } : {},
    });
    setBusy(false);
    if (!data) return setError(problemMessage(e, 'The order could not be canceled'));
    notifications.show({
      closeButtonProps: { 'aria-label': 'Dismiss' },
      color: 'green',
      message: `Order ${order.displayId} canceled`,
    });
    close();
    onDone();
  };
  return (
    <>
      <Button color="red" variant="light" onClick={open}>
        Cancel order
      </Button>
      <Modal opened={opened} onClose={close} title={`Cancel order ${order.displayId}`}>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput label="Reason (kept internal)" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Keep the order
            </Button>
            <Button color="red" loading={busy} onClick={submit}>
              Confirm cancel
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function RefundButton({ order, refundable, onDone }: { order: Order; refundable: number; onDone: () => void }) {
  const [opened, { open, close }] = useDisclosure();
  const [mode, setMode] = useState<'full' | 'partial'>('full');
  const [amount, setAmount] = useState(toMajorText(refundable, order.currency));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const minor = mode === 'full' ? refundable : toMinor(amount, order.currency);
  const invalid = minor === null || minor > refundable;
  const submit = async () => {
    if (invalid) return;
    setBusy(true);
    const { error: e, response } = await api.POST('/admin/orders/{id}/refund', {
      params: { path: { id: order.id } },
      body: { ...(mode === 'partial' ? { amount: minor } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) },
    });
    setBusy(false);
    if (!response.ok) return setError(problemMessage(e, 'The refund could not be requested'));
    notifications.show({
      closeButtonProps: { 'aria-label': 'Dismiss' },
      color: 'green',
      message: `Refund of ${formatMoney(minor, order.currency)} requested`,
    });
    close();
    onDone();
  };
  return (
    <>
      <Button variant="light" onClick={open}>
        Refund
      </Button>
      <Modal opened={opened} onClose={close} title={`Refund order ${order.displayId}`}>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Radio.Group label="How much" value={mode} onChange={(v) => setMode(v === 'partial' ? 'partial' : 'full')}>
            <Group mt="xs">
              <Radio value="full" label={`Everything left (${formatMoney(refundable, order.currency)})`} />
              <Radio value="partial" label="Part of it" />
            </Group>
          </Radio.Group>
          {mode === 'partial' && (
            <TextInput
              label={`Amount (${order.currency})`}
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              error={invalid ? `Between 0.01 and ${toMajorText(refundable, order.currency)}` : undefined}
            />
          )}
          <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Back
            </Button>
            <Button color="indigo.8" loading={busy} disabled={invalid} onClick={submit}>
              Confirm refund
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

export function OrderActions({ order, refundable, onDone }: { order: Order; refundable: number; onDone: () => void }) {
  const cancelable = order.status !== 'canceled' && order.status !== 'fulfilled';
  return (
    <Group>
      {cancelable && (
        <Can permission="orders:write">
          <CancelButton order={order} onDone={onDone} />
        </Can>
      )}
      {refundable > 0 && (
        <Can permission="orders:refund">
          <RefundButton key={refundable} order={order} refundable={refundable} onDone={onDone} />
        </Can>
      )}
    </Group>
  );
}
