// One order: its lines and totals, where it goes, its payment and shipment with their actions,
// and its timeline. Buttons appear only for staff whose permissions allow them.
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Card, Grid, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { formatMoney, formatTime } from './orders/format.ts';
import { StatusBadge } from './orders/OrderRow.tsx';
import { OrderActions } from './orders/OrderActions.tsx';
import { PaymentCard } from './orders/PaymentCard.tsx';
import { ShipmentCard } from './orders/ShipmentCard.tsx';
import { OrderTimeline } from './orders/Timeline.tsx';
import { useOrder, type Order } from './orders/useOrder.ts';

const text = (r: Record<string, unknown>, k: string) => (typeof r[k] === 'string' ? r[k] : '');
const num = (r: Record<string, unknown>, k: string) => (typeof r[k] === 'number' ? r[k] : null);

function Lines({ order }: { order: Order }) {
  // The known totals in reading order, then any the server adds later.
  const known = ['subtotal', 'discount', 'shipping', 'tax', 'total'];
  const totals = Object.entries(order.totals ?? {}).sort(
    ([a], [b]) => (known.indexOf(a) + 1 || 99) - (known.indexOf(b) + 1 || 99),
  );
  return (
    <Card withBorder component="section" aria-label="Lines">
      <Title order={2} size="h4" mb="xs">
        Lines
      </Title>
      <Table aria-label="Order lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th>SKU</Table.Th>
            <Table.Th>Quantity</Table.Th>
            <Table.Th>Unit price</Table.Th>
            <Table.Th>Total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.lines.map((l, i) => (
            <Table.Tr key={text(l, 'lineId') || i}>
              <Table.Td>{text(l, 'title')}</Table.Td>
              <Table.Td>{text(l, 'sku')}</Table.Td>
              <Table.Td>{num(l, 'quantity')}</Table.Td>
              <Table.Td>{formatMoney(num(l, 'unitPrice'), order.currency)}</Table.Td>
              <Table.Td>{formatMoney(num(l, 'total'), order.currency)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap={2} mt="sm" aria-label="Totals">
        {totals.map(([k, v]) => (
          <Group key={k} justify="space-between">
            <Text size="sm" tt="capitalize" fw={k === 'total' ? 700 : undefined}>
              {k}
            </Text>
            <Text size="sm" fw={k === 'total' ? 700 : undefined}>
              {formatMoney(v, order.currency)}
            </Text>
          </Group>
        ))}
        {order.refundedAmount > 0 && (
          <Group justify="space-between">
            <Text size="sm">Refunded</Text>
            <Text size="sm">{formatMoney(order.refundedAmount, order.currency)}</Text>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function Address({ order }: { order: Order }) {
  const a = order.shippingAddress;
  const lines = [
    `${text(a, 'firstName')} ${text(a, 'lastName')}`,
    text(a, 'company'),
    text(a, 'line1'),
    text(a, 'line2'),
    `${text(a, 'postalCode')} ${text(a, 'city')}`,
    [text(a, 'province'), text(a, 'countryCode')].filter(Boolean).join(', '),
    text(a, 'phone'),
  ].filter((l) => l.trim());
  return (
    <Card withBorder component="section" aria-label="Shipping address">
      <Title order={2} size="h4" mb="xs">
        Shipping address
      </Title>
      {lines.map((l) => (
        <Text size="sm" key={l}>
          {l}
        </Text>
      ))}
      <Text size="sm" mt="xs">
        {order.customerId ? (
          <Anchor c="indigo.8" component={Link} to={`/customers/${order.customerId}`}>
            {order.email}
          </Anchor>
        ) : (
          `${order.email} (guest)`
        )}
      </Text>
    </Card>
  );
}

export default function OrderDetailPage() {
  const { id = '' } = useParams();
  const { data, watch } = useOrder(id);
  const { order } = data;
  if (data.error)
    return (
      <Alert color="red" role="alert">
        {data.error}
      </Alert>
    );
  if (!order) return <Loader aria-label="Loading the order" />;
  const refundable = data.payments.reduce((n, p) => n + p.refundableAmount, 0);
  return (
    <Stack>
      <Anchor c="indigo.8" component={Link} to="/orders" size="sm">
        ← Orders
      </Anchor>
      <Group justify="space-between">
        <Group>
          <Title order={1}>Order {order.displayId}</Title>
          <StatusBadge status={order.status} subject="Order" size="lg" />
        </Group>
        <OrderActions order={order} refundable={refundable} onDone={watch} />
      </Group>
      <Text size="sm" c="gray.7">
        Placed {formatTime(order.createdAt)}
        {order.promotionCode ? ` · promotion ${order.promotionCode}` : ''}
        {order.cancelReason ? ` · canceled: ${order.cancelReason}` : ''}
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Lines order={order} />
            <ShipmentCard shipments={data.shipments} onDone={watch} />
            <PaymentCard payments={data.payments} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Address order={order} />
            <Card withBorder>
              <OrderTimeline data={data} />
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
