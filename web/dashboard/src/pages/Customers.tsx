// Customers, newest first, searched by email or name (the API's `q`), in keyset pages.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Badge, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { paths } from '../../../../client/index.ts';
import { api, problemMessage } from '../api.ts';
import { formatTime } from './orders/format.ts';
import { Pager, useCursorPages } from './orders/paging.tsx';

type CustomerPage = paths['/admin/customers']['get']['responses'][200]['content']['application/json'];

export default function CustomersPage() {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const pages = useCursorPages();
  const { reset } = pages;
  const [data, setData] = useState<CustomerPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => reset(), [q, reset]);
  useEffect(() => {
    let live = true;
    void api
      .GET('/admin/customers', { params: { query: { limit: 25, cursor: pages.cursor, q: q || undefined } } })
      .then(({ data: d, error: e }) => {
        if (!live) return;
        setData(d ?? null);
        setError(d ? null : problemMessage(e, 'The customers could not be read'));
      });
    return () => {
      live = false;
    };
  }, [q, pages.cursor]);

  return (
    <Stack>
      <Title order={1}>Customers</Title>
      <TextInput
        label="Search customers"
        placeholder="Email or name"
        maxLength={100}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
      />
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {!data && !error ? (
        <Loader aria-label="Loading customers" />
      ) : (
        <Table striped highlightOnHover aria-label="Customers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Email</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email verified</Table.Th>
              <Table.Th>Signed up</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.items ?? []).map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor c="indigo.8" component={Link} to={`/customers/${c.id}`}>
                    {c.email}
                  </Anchor>
                </Table.Td>
                <Table.Td>{[c.firstName, c.lastName].filter(Boolean).join(' ') || '—'}</Table.Td>
                <Table.Td>
                  <Badge autoContrast color={c.emailVerified ? 'green.6' : 'gray.7'}>
                    {c.emailVerified ? 'yes' : 'no'}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatTime(c.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data?.items.length === 0 && <Text c="gray.7">No customer matches.</Text>}
      <Pager pages={pages} nextCursor={data?.nextCursor} />
    </Stack>
  );
}
