// Orders, newest first: filtered by status and the customer's email on the server, by placing date
// within the page shown (the list's placedFrom/placedTo filters come with the order timeline
// change; this page switches to them once they are in the typed client, see ADR 0087).
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Anchor, Group, Loader, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { api, problemMessage } from '../api.ts';
import type { paths } from '../../../../client/index.ts';
import { statusLabel } from './orders/format.ts';
import { OrderRow } from './orders/OrderRow.tsx';
import { Pager, useCursorPages } from './orders/paging.tsx';

type OrderPage = paths['/admin/orders']['get']['responses'][200]['content']['application/json'];
type OrderStatus = NonNullable<NonNullable<paths['/admin/orders']['get']['parameters']['query']>['status']>;
const statuses: OrderStatus[] = ['pending', 'awaiting_payment', 'confirmed', 'fulfilled', 'canceled'];
const isStatus = (s: string | null): s is OrderStatus => statuses.some((x) => x === s);

export default function OrdersPage() {
  const [params, setParams] = useSearchParams();
  const customerId = params.get('customerId') ?? undefined;
  const [status, setStatus] = useState<OrderStatus | null>(null);
  const [email, setEmail] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [typedEmail] = useDebouncedValue(email.trim(), 300);
  const pages = useCursorPages();
  const [data, setData] = useState<OrderPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api
      .GET('/admin/orders', {
        params: {
          query: {
            limit: 25,
            cursor: pages.cursor,
            status: status ?? undefined,
            email: typedEmail.includes('@') ? typedEmail : undefined,
            customerId,
          },
        },
      })
      .then(({ data: d, error: e }) => {
        if (!live) return;
        setData(d ?? null);
        setError(d ? null : problemMessage(e, 'The orders could not be read'));
      });
    return () => {
      live = false;
    };
  }, [status, typedEmail, customerId, pages.cursor]);

  // Dates are compared as UTC days, the way the list shows them.
  const items = (data?.items ?? []).filter(
    (o) => (!from || o.createdAt.slice(0, 10) >= from) && (!to || o.createdAt.slice(0, 10) <= to),
  );
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      pages.reset();
    };

  return (
    <Stack>
      <Title order={1}>Orders</Title>
      {customerId && (
        <Alert color="blue">
          Orders of one customer.{' '}
          <Anchor c="indigo.8" component="button" onClick={() => setParams({})}>
            Show all orders
          </Anchor>
        </Alert>
      )}
      <Group align="flex-end">
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={statuses.map((s) => ({ value: s, label: statusLabel(s) }))}
          value={status}
          onChange={changed((v: string | null) => setStatus(isStatus(v) ? v : null))}
        />
        <TextInput
          label="Customer email (whole address)"
          placeholder="name@example.com"
          value={email}
          onChange={(e) => changed(setEmail)(e.currentTarget.value)}
        />
        <TextInput label="Placed from" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput label="Placed to" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {!data && !error ? (
        <Loader aria-label="Loading orders" />
      ) : (
        <Table striped highlightOnHover aria-label="Orders">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Order</Table.Th>
              <Table.Th>Placed</Table.Th>
              <Table.Th>Customer</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Total</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((o) => (
              <OrderRow key={o.id} order={o} showEmail />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && items.length === 0 && <Text c="gray.7">No orders match.</Text>}
      <Pager pages={pages} nextCursor={data?.nextCursor} />
    </Stack>
  );
}
