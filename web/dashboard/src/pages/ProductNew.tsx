// A new product: details, options and variants in one call; prices and stock follow on its page.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button, Group, Select, Stack, Title } from '@mantine/core';
import { api } from '../api.ts';
import { write } from '../hooks.ts';
import { DetailsFields, detailsBody, emptyDetails } from '../components/products/DetailsFields.tsx';
import {
  VariantsEditor,
  newVariant,
  variantsBody,
  type OptionDraft,
  type VariantDraft,
} from '../components/products/VariantsEditor.tsx';

export default function ProductNewPage() {
  const navigate = useNavigate();
  const [details, setDetails] = useState(emptyDetails);
  const [status, setStatus] = useState<'draft' | 'published'>('draft');
  const [options, setOptions] = useState<OptionDraft[]>([]);
  const [variants, setVariants] = useState<VariantDraft[]>([newVariant()]);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const body = { ...detailsBody(details), status, ...variantsBody(options, variants) };
    const { data } = await write(api.POST('/admin/products', { body }), 'Product created');
    setBusy(false);
    if (data) navigate(`/products/${data.id}`);
  };
  return (
    <form onSubmit={submit}>
      <Stack maw={900}>
        <Title order={1}>New product</Title>
        <DetailsFields value={details} onChange={setDetails} />
        <Select
          label="Status"
          data={[
            { value: 'draft', label: 'Draft (hidden from the shop)' },
            { value: 'published', label: 'Published' },
          ]}
          value={status}
          onChange={(v) => setStatus(v === 'published' ? 'published' : 'draft')}
          allowDeselect={false}
        />
        <VariantsEditor options={options} variants={variants} onOptions={setOptions} onVariants={setVariants} />
        <Group>
          <Button type="submit" loading={busy}>
            Create product
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
