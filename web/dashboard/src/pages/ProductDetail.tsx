// One product: its details, variants, prices per currency, price lists and stock, each in a tab
// shown only to staff whose permissions let them read it (and its controls only if they may change it).
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Badge, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { api } from '../api.ts';
import { useLoad, write } from '../hooks.ts';
import { Can, useSession } from '../session.tsx';
import {
  DetailsFields,
  detailsBody,
  emptyDetails,
  type ProductDetails,
} from '../components/products/DetailsFields.tsx';
import { VariantsPanel } from '../components/products/VariantsPanel.tsx';
import { PricesPanel } from '../components/products/PricesPanel.tsx';
import { PriceListsPanel } from '../components/products/PriceListsPanel.tsx';
import { StockPanel } from '../components/products/StockPanel.tsx';
import type { AdminProduct, ProductPatchBody } from '../components/products/types.ts';

const detailsOf = (p: AdminProduct): ProductDetails => ({
  title: p.title,
  subtitle: p.subtitle ?? '',
  description: p.description ?? '',
  categoryIds: p.categoryIds,
  collectionIds: p.collectionIds,
  images: p.images.map((i) => ({ url: i.url, alt: i.alt })),
});

export default function ProductDetailPage() {
  const id = useParams().id ?? '';
  const { can } = useSession();
  const product = useLoad(() => api.GET('/admin/products/{id}', { params: { path: { id } } }), [id]);
  const [details, setDetails] = useState(emptyDetails);
  const [busy, setBusy] = useState(false);
  const p = product.data;
  useEffect(() => {
    if (p) setDetails(detailsOf(p));
  }, [p]);
  if (!p) return product.loading ? <Text>Loading…</Text> : <Text c="red">{product.error}</Text>;

  const patch = async (body: ProductPatchBody, done: string) => {
    setBusy(true);
    const { ok } = await write(api.PATCH('/admin/products/{id}', { params: { path: { id } }, body }), done);
    setBusy(false);
    if (ok) product.reload();
  };
  const published = p.status === 'published';
  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <Title order={1}>{p.title}</Title>
          <Badge color={published ? 'green' : 'gray'} variant="light" size="lg">
            {p.status}
          </Badge>
        </Group>
        <Can permission="catalog:write">
          <Button
            color={published ? 'gray' : undefined}
            loading={busy}
            onClick={() =>
              patch(
                { status: published ? 'draft' : 'published' },
                published ? 'Unpublished: the shop no longer shows it' : 'Published: the shop shows it',
              )
            }
          >
            {published ? 'Unpublish' : 'Publish'}
          </Button>
        </Can>
      </Group>
      <Text size="sm" c="dimmed">
        Handle: {p.handle}
      </Text>
      <Tabs defaultValue="details" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="details">Details</Tabs.Tab>
          <Tabs.Tab value="variants">Variants</Tabs.Tab>
          <Tabs.Tab value="prices">Prices</Tabs.Tab>
          <Tabs.Tab value="price-lists">Price lists</Tabs.Tab>
          {can('stock:read') && <Tabs.Tab value="stock">Stock</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="details" pt="md">
          <Stack maw={900}>
            <DetailsFields value={details} onChange={setDetails} disabled={!can('catalog:write')} />
            <Can permission="catalog:write">
              <Group>
                <Button loading={busy} onClick={() => patch(detailsBody(details), 'Product saved')}>
                  Save details
                </Button>
              </Group>
            </Can>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="variants" pt="md">
          <VariantsPanel product={p} onChanged={product.reload} />
        </Tabs.Panel>
        <Tabs.Panel value="prices" pt="md">
          <PricesPanel variants={p.variants} />
        </Tabs.Panel>
        <Tabs.Panel value="price-lists" pt="md">
          <PriceListsPanel variants={p.variants} />
        </Tabs.Panel>
        {can('stock:read') && (
          <Tabs.Panel value="stock" pt="md">
            <StockPanel variants={p.variants} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
