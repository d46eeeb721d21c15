// Products: search, filters (status, category, collection) and pages of 20, newest first.
import { useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { api } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { Can } from '../session.tsx';
import { useTaxonomy } from '../components/products/taxonomy.ts';

const pageSize = 20;

export default function ProductsPage() {
  const [q, setQ] = useState('');
  const [query] = useDebouncedValue(q.trim(), 250);
  const [status, setStatus] = useState<string | null>(null);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [collectionId, setCollectionId] = useState<string | null>(null);
  // The cursors of the pages before this one: "Previous" pops one.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const { categories, collections } = useTaxonomy();
  const filters = { query, status, categoryId, collectionId };
  const list = useLoad(() => {
    const published: 'draft' | 'published' | undefined =
      status === 'draft' || status === 'published' ? status : undefined;
    const params = {
      limit: pageSize,
      ...(query ? { q: query } : {}),
      ...(published ? { status: published } : {}),
      ...(categoryId ? { categoryId } : {}),
      ...(collectionId ? { collectionId } : {}),
      ...(cursor ? { cursor } : {}),
    };
    return api.GET('/admin/products', { params: { query: params } });
  }, [JSON.stringify(filters), cursor]);
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setCursors([]);
      set(v);
    };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Products</Title>
        <Can permission="catalog:write">
          <Button component={Link} to="/products/new">
            New product
          </Button>
        </Can>
      </Group>
      <Group align="end">
        <TextInput
          label="Search products"
          placeholder="Title or exact SKU"
          value={q}
          onChange={(e) => filter(setQ)(e.currentTarget.value)}
        />
        <Select
          label="Status"
          clearable
          data={[
            { value: 'published', label: 'Published' },
            { value: 'draft', label: 'Draft' },
          ]}
          value={status}
          onChange={filter(setStatus)}
        />
        <Select
          label="Category"
          clearable
          searchable
          data={categories.map((c) => ({ value: c.id, label: c.name }))}
          value={categoryId}
          onChange={filter(setCategoryId)}
        />
        <Select
          label="Collection"
          clearable
          searchable
          data={collections.map((c) => ({ value: c.id, label: c.title }))}
          value={collectionId}
          onChange={filter(setCollectionId)}
        />
      </Group>
      {list.error && <Text c="red">{list.error}</Text>}
      <Table striped highlightOnHover aria-label="Products" aria-busy={list.loading}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Title</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Variants</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Anchor component={Link} to={`/products/${p.id}`}>
                  {p.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Badge color={p.status === 'published' ? 'green' : 'gray'} variant="light">
                  {p.status}
                </Badge>
              </Table.Td>
              <Table.Td>{p.variantCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data && list.data.items.length === 0 && <Text c="dimmed">No product matches.</Text>}
      <Group>
        <Button variant="default" disabled={!cursors.length} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Previous page
        </Button>
        <Button
          variant="default"
          disabled={!list.data?.nextCursor}
          onClick={() => list.data?.nextCursor && setCursors((c) => [...c, list.data!.nextCursor!])}
        >
          Next page
        </Button>
      </Group>
    </Stack>
  );
}
