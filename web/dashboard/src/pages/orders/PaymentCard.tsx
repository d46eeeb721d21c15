// The order's payments (one per attempt) with what was captured and refunded, and each refund.
import { Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { formatMoney, formatTime } from './format.ts';
import { StatusBadge } from './OrderRow.tsx';
import type { Payment } from './useOrder.ts';

export function PaymentCard({ payments }: { payments: Payment[] }) {
  return (
    <Card withBorder component="section" aria-label="Payment">
      <Title order={2} size="h4" mb="xs">
        Payment
      </Title>
      {payments.length === 0 && <Text c="gray.7">No payment yet.</Text>}
      <Stack>
        {payments.map((p) => (
          <Stack key={p.id} gap={4}>
            <Group gap="xs">
              <StatusBadge status={p.status} subject="Payment" />
              <Text size="sm">
                {formatMoney(p.amount, p.currency)} via {p.provider} (attempt {p.attempt})
              </Text>
            </Group>
            <Text size="sm">
              Captured {formatMoney(p.capturedAmount, p.currency)} · Refunded{' '}
              <span data-testid="payment-refunded">{formatMoney(p.refundedAmount, p.currency)}</span> · Refundable{' '}
              {formatMoney(p.refundableAmount, p.currency)}
            </Text>
            {p.needsAttention && (
              <Text size="sm" c="red">
                Needs attention: {p.needsAttention}
              </Text>
            )}
            {p.refunds.length > 0 && (
              <List size="sm" aria-label="Refunds">
                {p.refunds.map((r) => (
                  <List.Item key={r.id}>
                    Refund {formatMoney(r.amount, r.currency)} {r.status}
                    {r.reason ? ` (${r.reason})` : ''} · {formatTime(r.completedAt ?? r.createdAt)}
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
