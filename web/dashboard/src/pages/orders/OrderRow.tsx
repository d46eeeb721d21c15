// An order as one row of a list (the orders page, a customer's orders), and the status badge every
// order, payment and shipment status wears.
import { Link } from 'react-router';
import { Anchor, Badge, Table, type BadgeProps } from '@mantine/core';
import type { paths } from '../../../../../client/index.ts';
import { formatMoney, formatTime, statusColor, statusLabel } from './format.ts';

export type OrderListItem =
  paths['/admin/orders']['get']['responses'][200]['content']['application/json']['items'][number];

/** `subject` ("Order", "Payment"...) names the status for a screen reader where no column header does. */
export function StatusBadge({
  status,
  subject,
  size,
}: {
  status: string;
  subject?: string;
  size?: BadgeProps['size'];
}) {
  const label = statusLabel(status);
  return (
    <Badge
      autoContrast
      size={size}
      color={statusColor(status)}
      aria-label={subject ? `${subject} status: ${label}` : undefined}
    >
      {label}
    </Badge>
  );
}

/** Order, placed, (customer,) status, total: the columns of the lists' headers, in that order. */
export function OrderRow({ order, showEmail = false }: { order: OrderListItem; showEmail?: boolean }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor c="indigo.8" component={Link} to={`/orders/${order.id}`}>
          {order.displayId}
        </Anchor>
      </Table.Td>
      <Table.Td>{formatTime(order.createdAt)}</Table.Td>
      {showEmail && <Table.Td>{order.email}</Table.Td>}
      <Table.Td>
        <StatusBadge status={order.status} />
      </Table.Td>
      <Table.Td>{formatMoney(order.totals?.total, order.currency)}</Table.Td>
    </Table.Tr>
  );
}
