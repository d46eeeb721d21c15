// A product's variants: SKU, title and weight edited in place; variants added (one value per
// option) or removed. Options themselves are set when the product is created.
import { useState } from 'react';
import { Button, Group, NumberInput, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { api } from '../../api.ts';
import { write } from '../../hooks.ts';
import { useSession } from '../../session.tsx';
import type { AdminProduct, AdminVariant } from './types.ts';

function VariantRow({ productId, v, onChanged }: { productId: string; v: AdminVariant; onChanged(): void }) {
  const editable = useSession().can('catalog:write');
  const [sku, setSku] = useState(v.sku);
  const [title, setTitle] = useState(v.title);
  const [weight, setWeight] = useState<number | ''>(v.weightGrams ?? '');
  const path = { id: productId, variantId: v.id };
  const save = async () => {
    const body = { sku: sku.trim(), title: title.trim(), weightGrams: weight === '' ? null : weight };
    const { ok } = await write(
      api.PATCH('/admin/products/{id}/variants/{variantId}', { params: { path }, body }),
      'Variant saved',
    );
    if (ok) onChanged();
  };
  const remove = async () => {
    if (!window.confirm(`Remove variant ${v.sku}?`)) return;
    const { ok } = await write(
      api.DELETE('/admin/products/{id}/variants/{variantId}', { params: { path } }),
      'Variant removed',
    );
    if (ok) onChanged();
  };
  return (
    <Table.Tr>
      <Table.Td>
        <TextInput
          aria-label={`SKU of ${v.sku}`}
          value={sku}
          disabled={!editable}
          onChange={(e) => setSku(e.currentTarget.value)}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={`Title of ${v.sku}`}
          value={title}
          disabled={!editable}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
      </Table.Td>
      <Table.Td>
        {Object.entries(v.options)
          .map(([k, val]) => `${k}: ${val}`)
          .join(', ')}
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={`Weight (g) of ${v.sku}`}
          min={0}
          allowDecimal={false}
          value={weight}
          disabled={!editable}
          onChange={(n) => setWeight(typeof n === 'number' ? n : '')}
          w={110}
        />
      </Table.Td>
      {editable && (
        <Table.Td>
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" onClick={save}>
              Save
            </Button>
            <Button size="xs" variant="subtle" color="red" onClick={remove}>
              Remove
            </Button>
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

function AddVariant({ product, onChanged }: { product: AdminProduct; onChanged(): void }) {
  const [sku, setSku] = useState('');
  const [options, setOptions] = useState<Record<string, string>>({});
  const add = async () => {
    const body = { sku: sku.trim(), options };
    const { ok } = await write(
      api.POST('/admin/products/{id}/variants', { params: { path: { id: product.id } }, body }),
      'Variant added',
    );
    if (ok) {
      setSku('');
      setOptions({});
      onChanged();
    }
  };
  return (
    <Group align="end">
      <TextInput label="New variant SKU" value={sku} onChange={(e) => setSku(e.currentTarget.value)} />
      {product.options.map((o) => (
        <Select
          key={o.name}
          label={`New variant ${o.name}`}
          data={o.values}
          value={options[o.name] ?? null}
          onChange={(value) => setOptions({ ...options, [o.name]: value ?? '' })}
        />
      ))}
      <Button onClick={add} disabled={!sku.trim()}>
        Add variant
      </Button>
    </Group>
  );
}

export function VariantsPanel({ product, onChanged }: { product: AdminProduct; onChanged(): void }) {
  const editable = useSession().can('catalog:write');
  return (
    <Stack>
      <Table aria-label="Variants">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>SKU</Table.Th>
            <Table.Th>Title</Table.Th>
            <Table.Th>Options</Table.Th>
            <Table.Th>Weight</Table.Th>
            {editable && <Table.Th>Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {product.variants.map((v) => (
            <VariantRow
              key={`${v.id}:${v.sku}:${v.title}:${v.weightGrams}`}
              productId={product.id}
              v={v}
              onChanged={onChanged}
            />
          ))}
        </Table.Tbody>
      </Table>
      {editable && (
        <>
          <Title order={2} size="h4">
            Add a variant
          </Title>
          <AddVariant product={product} onChanged={onChanged} />
        </>
      )}
    </Stack>
  );
}
