// One customer: who they are and their orders (the orders list filtered by customer id).
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Card, Loader, Stack, Table, Text, Title } from '@mantine/core';
import type { paths } from '../../../../client/index.ts';
import { api, problemMessage } from '../api.ts';
import { Can } from '../session.tsx';
import { formatTime } from './orders/format.ts';
import { OrderRow } from './orders/OrderRow.tsx';
import { Pager, useCursorPages } from './orders/paging.tsx';

type Customer = paths['/admin/customers/{id}']['get']['responses'][200]['content']['application/json'];
type OrderPage = paths['/admin/orders']['get']['responses'][200]['content']['application/json'];

function CustomerOrders({ customerId }: { customerId: string }) {
  const pages = useCursorPages();
  const [orders, setOrders] = useState<OrderPage | null>(null);
  useEffect(() => {
    let live = true;
    void api
      .GET('/admin/orders', { params: { query: { customerId, limit: 20, cursor: pages.cursor } } })
      .then(({ data }) => live && setOrders(data ?? { items: [], nextCursor: null }));
    return () => {
      live = false;
    };
  }, [customerId, pages.cursor]);
  if (!orders) return <Loader aria-label="Loading orders" />;
  if (orders.items.length === 0) return <Text c="gray.7">No orders yet.</Text>;
  return (
    <>
      <Table aria-label="Customer orders">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Order</Table.Th>
            <Table.Th>Placed</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.items.map((o) => (
            <OrderRow key={o.id} order={o} />
          ))}
        </Table.Tbody>
      </Table>
      <Pager pages={pages} nextCursor={orders.nextCursor} />
    </>
  );
}

export default function CustomerDetailPage() {
  const { id = '' } = useParams();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.GET('/admin/customers/{id}', { params: { path: { id } } }).then(({ data, error: e }) => {
      setCustomer(data ?? null);
      setError(data ? null : problemMessage(e, 'The customer could not be read'));
    });
  }, [id]);
  if (error)
    return (
      <Alert color="red" role="alert">
        {error}
      </Alert>
    );
  if (!customer) return <Loader aria-label="Loading the customer" />;
  const name = [customer.firstName, customer.lastName].filter(Boolean).join(' ');
  return (
    <Stack>
      <Anchor c="indigo.8" component={Link} to="/customers" size="sm">
        ← Customers
      </Anchor>
      <Title order={1}>{name || customer.email}</Title>
      <Card withBorder component="section" aria-label="Profile">
        <Text size="sm">Email: {customer.email}</Text>
        <Text size="sm">Email verified: {customer.emailVerified ? formatTime(customer.emailVerifiedAt) : 'no'}</Text>
        <Text size="sm">Phone: {customer.phone ?? '—'}</Text>
        <Text size="sm">Signed up: {formatTime(customer.createdAt)}</Text>
      </Card>
      <Title order={2} size="h3">
        Orders
      </Title>
      <Can permission="orders:read">
        <CustomerOrders customerId={customer.id} />
      </Can>
    </Stack>
  );
}
